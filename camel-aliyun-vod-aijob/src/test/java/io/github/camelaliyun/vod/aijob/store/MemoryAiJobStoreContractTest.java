package io.github.camelaliyun.vod.aijob.store;

class MemoryAiJobStoreContractTest extends AiJobStoreContractTest {

    @Override
    AiJobStore openStore() {
        return new MemoryAiJobStore();
    }
}
