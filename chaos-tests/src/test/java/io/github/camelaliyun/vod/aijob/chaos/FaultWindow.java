package io.github.camelaliyun.vod.aijob.chaos;

import java.util.List;

/**
 * When a fault began and ended (wall clock, comparable with the nodes' delivery times: same machine), and which nodes
 * it hit: the nodes whose exchanges in flight at its start may be delivered twice. A signal's fault begins once the
 * signal was sent (the node writes nothing afterwards); the database's and the network's when the action begins.
 */
record FaultWindow(long startMillis, long endMillis, List<Integer> hitNodes) {
}
