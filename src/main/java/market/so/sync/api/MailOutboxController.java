package market.so.sync.api;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import market.so.sync.mail.MailOutbox;
import market.so.sync.mail.OutboxEntry;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outbox of answers to merchants, for ops: what waits, what went, what failed for good and why; and a way to
 * send one again once the SMTP server is fixed (docs/mail.md, "During an outage").
 */
@RestController
@RequestMapping("/api/mail/outbox")
public class MailOutboxController {

    private static final Set<String> STATES = Set.of(OutboxEntry.PENDING, OutboxEntry.SENT, OutboxEntry.FAILED);

    private final MailOutbox outbox;

    public MailOutboxController(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping
    public ResponseEntity<?> list(@RequestParam(required = false) String state, @RequestParam(defaultValue = "100") int limit) {
        if (state != null && !STATES.contains(state.toUpperCase(Locale.ROOT))) {
            return ResponseEntity.badRequest().body(ApiError.of("INVALID_STATE", "state is one of PENDING, SENT, FAILED", "state"));
        }
        List<OutboxEntry> entries = outbox.list(state, limit);
        return ResponseEntity.ok(entries);
    }

    /** Due now, with a fresh series of tries. */
    @PostMapping("/{id}/resend")
    public ResponseEntity<Map<String, Object>> resend(@PathVariable long id) {
        if (!outbox.resend(id)) {
            throw new ApiErrors.NotFound("no outbox entry " + id);
        }
        return ResponseEntity.accepted().body(Map.of("id", id, "state", OutboxEntry.PENDING));
    }
}
