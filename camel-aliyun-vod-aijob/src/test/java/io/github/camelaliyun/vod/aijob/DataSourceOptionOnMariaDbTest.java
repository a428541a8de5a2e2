package io.github.camelaliyun.vod.aijob;

/** {@link DataSourceOptionTest} on a real MariaDB 10.11. */
class DataSourceOptionOnMariaDbTest extends DataSourceOptionTest {

    @Override
    TestDatabase database() {
        return TestMariaDb.instance();
    }
}
