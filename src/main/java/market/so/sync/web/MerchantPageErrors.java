package market.so.sync.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** A refused link gets a page that says why and how to get a new one, never a stack trace or a login prompt. */
@ControllerAdvice(basePackageClasses = MerchantPageErrors.class)
public class MerchantPageErrors {

    private final PageClock clock;

    public MerchantPageErrors(PageClock clock) {
        this.clock = clock;
    }

    @ExceptionHandler(LinkRefused.class)
    public ModelAndView refused(LinkRefused e) {
        ModelAndView page = new ModelAndView("merchant/link-refused");
        page.addObject("why", e.why().name());
        page.addObject("expiredAt", clock.local(e.expiredAt()));
        page.setStatus(switch (e.why()) {
            case EXPIRED -> HttpStatus.GONE;
            case NO_SHOP -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.FORBIDDEN;
        });
        return page;
    }
}
