package market.so.sync.api;

import java.util.List;
import java.util.Map;
import market.so.sync.run.ShopOutcome;
import market.so.sync.run.ShopSyncRepository;
import market.so.sync.run.SyncRun;
import market.so.sync.run.SyncRunRepository;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sync runs: start one by hand, list them, see one with its per-shop outcomes. */
@RestController
@RequestMapping("/api/sync-runs")
public class SyncRunController {

    private final ProducerTemplate camel;
    private final RoutesAvailability routes;
    private final SyncRunRepository runs;
    private final ShopSyncRepository syncs;

    public SyncRunController(ProducerTemplate camel, RoutesAvailability routes, SyncRunRepository runs, ShopSyncRepository syncs) {
        this.camel = camel;
        this.routes = routes;
        this.runs = runs;
        this.syncs = syncs;
    }

    public record RunDetail(SyncRun run, List<ShopOutcome> shops) {
    }

    @PostMapping
    public ResponseEntity<Map<String, String>> start() {
        routes.require();
        camel.asyncRequestBodyAndHeader("direct:catalog-sync", null, "runTrigger", "api");
        return ResponseEntity.accepted().body(Map.of("run", "started"));
    }

    @GetMapping
    public List<SyncRun> list(@RequestParam(defaultValue = "50") int limit) {
        return runs.recent(Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{id}")
    public RunDetail get(@PathVariable long id) {
        SyncRun run = runs.find(id).orElseThrow(() -> new ApiErrors.NotFound("no sync run " + id));
        return new RunDetail(run, syncs.forRun(id));
    }
}
