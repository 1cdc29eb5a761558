package market.so.sync.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/** Where Spring Security forwards a form that came without its CSRF token: what happened and what to do. */
@Controller
public class FormRefusedPage {

    static final String PATH = "/merchant/form-refused";

    @RequestMapping(PATH)
    public String refused(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "merchant/form-refused";
    }
}
