package io.github.camelaliyun.vod.aijob;

/** {@link JdbcStoreStartCheckTest} on a real MariaDB 10.11. */
class JdbcStoreStartCheckOnMariaDbTest extends JdbcStoreStartCheckTest {

    @Override
    TestDatabase database() {
        return TestMariaDb.instance();
    }
}
