package io.github.camelaliyun.vod.aijob.store;

class MemoryAiJobStoreContractTest extends AiJobStoreContractTest {

    @Override
    AiJobStore openStore() {
        return new MemoryAiJobStore();
    }

    @Override
    AiJobStore openStore(StoreBounds bounds) {
        return new MemoryAiJobStore(bounds);
    }
}
