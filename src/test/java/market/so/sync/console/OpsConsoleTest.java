package market.so.sync.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import market.so.sync.support.SyncTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ops console: Hawtio at {@code /actuator/hawtio} over Jolokia at {@code /actuator/jolokia}, reachable
 * with the ops credentials only, showing Camel's routes, and refusing what could show a message's headers
 * (tracers, debugger, browsing endpoints) or the heap (ADR 0020). What it shows holds no key: KeyLeakTest.
 */
@SyncTest
class OpsConsoleTest {

    @LocalServerPort int port;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theConsoleNeedsTheOpsCredentials() throws Exception {
        ConsoleReads ops = new ConsoleReads(port, "ops", "test-ops-password");
        ConsoleReads stranger = new ConsoleReads(port, "ops", "not-the-password");
        for (String path : new String[] {"/actuator/hawtio/", "/actuator/hawtio/index.html", "/actuator/jolokia/version"}) {
            assertThat(ops.get(path, false).statusCode()).as(path + " without credentials").isEqualTo(401);
            assertThat(stranger.get(path, true).statusCode()).as(path + " with a wrong password").isEqualTo(401);
        }
        // refused (403 here: without a session there is no CSRF token to present, and that is checked first)
        assertThat(stranger.post("/actuator/jolokia", "{\"type\":\"version\"}").statusCode()).isIn(401, 403);

        var page = ops.get("/actuator/hawtio/", true);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("hawtio");
        JsonNode version = json.readTree(ops.jolokia("{\"type\":\"version\"}"));
        assertThat(version.path("status").asInt()).isEqualTo(200);
        // the console has a session (a browser application), so a POST without the session's CSRF token is refused
        ConsoleReads forged = new ConsoleReads(port, "ops", "test-ops-password");
        forged.get("/actuator/hawtio/", true);
        assertThat(forged.postWithToken("/actuator/jolokia", "{\"type\":\"version\"}", null).statusCode()).isEqualTo(403);
        assertThat(forged.postWithToken("/actuator/jolokia", "{\"type\":\"version\"}", "forged").statusCode()).isEqualTo(403);
    }

    @Test
    void theConsoleShowsTheRoutesWithTheirStatistics() throws Exception {
        ConsoleReads ops = new ConsoleReads(port, "ops", "test-ops-password");
        assertThat(ops.search("org.apache.camel:type=routes,*")).anyMatch(name -> name.contains("register-shop"))
            .anyMatch(name -> name.contains("webservice-call"));
        String route = ops.search("org.apache.camel:type=routes,name=\"sync-shop\",*").get(0);
        JsonNode read = json.readTree(ops.jolokia("{\"type\":\"read\",\"mbean\":\"" + route.replace("\"", "\\\"")
            + "\",\"attribute\":[\"RouteId\",\"ExchangesTotal\",\"State\"]}"));
        assertThat(read.path("value").path("RouteId").asText()).isEqualTo("sync-shop");
        assertThat(read.path("value").path("State").asText()).isEqualTo("Started");
        String context = ops.search("org.apache.camel:type=context,*").get(0);
        assertThat(ops.exec(context, "dumpRoutesAsXml()", "")).contains("direct:register-shop");
    }

    @Test
    void nothingThatShowsMessagesCanBeSwitchedOnFromTheConsole() throws Exception {
        ConsoleReads ops = new ConsoleReads(port, "ops", "test-ops-password");
        // no tracer, backlog tracer or debugger is installed, not even on standby
        assertThat(ops.search("org.apache.camel:type=tracer,*")).isEmpty();
        assertThat(ops.search("org.apache.camel:type=debugger,*")).isEmpty();
        String context = ops.search("org.apache.camel:type=context,*").get(0);
        JsonNode history = json.readTree(ops.jolokia("{\"type\":\"read\",\"mbean\":\"" + context.replace("\"", "\\\"")
            + "\",\"attribute\":\"MessageHistory\"}"));
        assertThat(history.path("value").asBoolean(true)).as("message history").isFalse();

        // and the console may not switch tracing on, browse messages, dump the heap or run diagnostic commands
        String route = ops.search("org.apache.camel:type=routes,name=\"webservice-call\",*").get(0);
        assertDenied(ops.jolokia("{\"type\":\"write\",\"mbean\":\"" + route.replace("\"", "\\\"")
            + "\",\"attribute\":\"Tracing\",\"value\":true}"));
        assertDenied(ops.exec(route, "setTracing(java.lang.Boolean)", "true"));
        assertDenied(ops.jolokia("{\"type\":\"write\",\"mbean\":\"" + context.replace("\"", "\\\"")
            + "\",\"attribute\":\"Tracing\",\"value\":true}"));
        assertDenied(ops.exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap(java.lang.String,boolean)",
            "\"target/console-heap.hprof\",true"));
        assertDenied(ops.exec("com.sun.management:type=DiagnosticCommand", "gcHeapInfo()", ""));
        assertThat(new java.io.File("target/console-heap.hprof")).doesNotExist();
    }

    private void assertDenied(String answer) throws Exception {
        assertThat(json.readTree(answer).path("status").asInt()).as(answer).isEqualTo(403);
    }
}
