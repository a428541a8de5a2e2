package io.github.camelaliyun.vod.aijob.chaos;

import java.util.List;

/**
 * When a fault began and ended (wall clock, comparable with the nodes' delivery times: same machine), and which nodes
 * it hit: the nodes whose exchanges in flight at its start may be delivered twice.
 */
record FaultWindow(long startMillis, long endMillis, List<Integer> hitNodes) {
}
