package market.so.sync.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Times on the merchant's pages are shown in the shops' own time zone ({@code somarket.site.time-zone}). */
@Component
public class PageClock {

    private final ZoneId zone;

    public PageClock(@Value("${somarket.site.time-zone:Europe/Paris}") ZoneId zone) {
        this.zone = zone;
    }

    public ZonedDateTime local(Instant instant) {
        return instant == null ? null : instant.atZone(zone);
    }

    public ZonedDateTime local(OffsetDateTime time) {
        return time == null ? null : time.atZoneSameInstant(zone);
    }
}
