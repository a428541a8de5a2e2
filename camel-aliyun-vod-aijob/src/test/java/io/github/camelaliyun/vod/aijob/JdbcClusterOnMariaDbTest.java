package io.github.camelaliyun.vod.aijob;

/** {@link JdbcClusterTest} on a real MariaDB 10.11. */
class JdbcClusterOnMariaDbTest extends JdbcClusterTest {

    @Override
    TestDatabase database() {
        return TestMariaDb.instance();
    }
}
