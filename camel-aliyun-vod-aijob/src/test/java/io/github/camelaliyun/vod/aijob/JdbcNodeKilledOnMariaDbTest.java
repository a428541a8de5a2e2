package io.github.camelaliyun.vod.aijob;

/** {@link JdbcNodeKilledTest} on a real MariaDB 10.11. */
class JdbcNodeKilledOnMariaDbTest extends JdbcNodeKilledTest {

    @Override
    TestDatabase database() {
        return TestMariaDb.instance();
    }
}
