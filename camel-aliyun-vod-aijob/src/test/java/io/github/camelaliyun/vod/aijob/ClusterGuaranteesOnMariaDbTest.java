package io.github.camelaliyun.vod.aijob;

/** {@link ClusterGuaranteesTest} on a real MariaDB 10.11. */
class ClusterGuaranteesOnMariaDbTest extends ClusterGuaranteesTest {

    @Override
    TestDatabase database() {
        return TestMariaDb.instance();
    }
}
