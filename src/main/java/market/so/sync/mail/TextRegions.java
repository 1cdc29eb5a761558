package market.so.sync.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import market.so.sync.mail.TextRegion.Origin;

/**
 * Cuts a mail body into what the sender wrote now, their signature, a message they forwarded, and an earlier
 * message they quoted, from the markers the common clients write (Gmail, Outlook, Apple Mail, Thunderbird, in
 * French and English). A merchant who answers our "invalid key" reply with a new key quotes the old one below:
 * the new text must be read first.
 */
final class TextRegions {

    /** Written by {@link MimeTextExtractor} before a message attached whole, so it reads as a forward. */
    static final String FORWARD_MARKER = "-------- Forwarded message --------";

    private static final Pattern FORWARD = Pattern.compile("(?i)^\\s*(-{2,}\\s*(forwarded message|message transf[ée]r[ée]|"
            + "original message|message d'origine|mail transf[ée]r[ée])\\s*-{2,}|d[ée]but du message r[ée]exp[ée]di[ée]\\s*:|"
            + "begin forwarded message\\s*:)\\s*$");
    private static final Pattern ORIGINAL = Pattern.compile("(?i)^\\s*(-{3,}\\s*(original message|message d'origine)\\s*-{3,}"
            + "|_{10,})\\s*$");
    private static final Pattern ATTRIBUTION = Pattern.compile("(?is)^\\s*(le|on|am)\\s.{4,300}\\s(a [ée]crit|wrote|schrieb)\\s*:\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile("(?i)^\\s*\\*?(de|from|exp[ée]diteur)\\s*\\*?\\s*:.*");
    private static final Pattern HEADER_NEXT = Pattern.compile("(?i)^\\s*\\*?(envoy[ée]|sent|date|[àa]|to|objet|subject)\\s*\\*?\\s*:.*");
    private static final Pattern SIGNATURE = Pattern.compile("(?i)^\\s*(--\\s*|(bien |tr[èe]s |tr[èe]s bien |bien )?cordialement|"
            + "bien [àa] vous|bonne (journ[ée]e|soir[ée]e|fin de journ[ée]e)|belle journ[ée]e|[àa] bient[ôo]t|salutations( distingu[ée]es)?|"
            + "merci( beaucoup| d'avance| par avance)?|(best|kind|warm|many thanks and)? ?regards|best( wishes)?|cheers|thanks|thank you|"
            + "many thanks|sincerely|yours( truly| sincerely)?|(envoy[ée] (de|depuis) (mon|ma|l'app)|sent from (my|outlook|mail for)).*)"
            + "\\s*[,.!]*\\s*(\\p{L}[\\p{L} .'-]{0,40})?\\s*$");

    private TextRegions() {
    }

    /**
     * @param forward true when the subject says the mail is a forward (Fwd:, TR:, FW:): Outlook writes the same
     *                "De : / Envoyé :" block above a forwarded message as above a quoted one
     */
    static List<TextRegion> split(String body, boolean forward) {
        List<TextRegion> regions = new ArrayList<>();
        String[] lines = body.split("\r?\n", -1);
        Origin state = Origin.BODY;
        Origin current = null;
        StringBuilder buffer = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            state = nextState(state, lines, i, forward);
            Origin origin = state;
            if (line.stripLeading().startsWith(">")) {
                origin = Origin.QUOTED;
                line = line.replaceFirst("^\\s*(>\\s?)+", "");
            }
            if (origin != current && current != null) {
                regions.add(new TextRegion(current, buffer.toString()));
                buffer.setLength(0);
            }
            current = origin;
            buffer.append(line).append('\n');
        }
        if (current != null && !buffer.toString().isBlank()) {
            regions.add(new TextRegion(current, buffer.toString()));
        }
        regions.removeIf(region -> region.text().isBlank());
        return regions;
    }

    private static Origin nextState(Origin state, String[] lines, int i, boolean forward) {
        String line = lines[i];
        if (state == Origin.QUOTED) {
            return state;
        }
        if (FORWARD.matcher(line).matches()) {
            return line.toLowerCase().contains("original") && !forward ? Origin.QUOTED : Origin.FORWARDED;
        }
        if (state == Origin.FORWARDED) {
            return state;
        }
        if (isAttribution(lines, i)) {
            return Origin.QUOTED;
        }
        if (ORIGINAL.matcher(line).matches() || isHeaderBlock(lines, i)) {
            return forward ? Origin.FORWARDED : Origin.QUOTED;
        }
        if (state == Origin.BODY && SIGNATURE.matcher(line).matches()) {
            return Origin.SIGNATURE;
        }
        return state;
    }

    /** "Le 3 mars 2025 à 10:12, Jean <jean@x.fr> a écrit :", possibly wrapped over two lines. */
    private static boolean isAttribution(String[] lines, int i) {
        String line = lines[i];
        if (line.length() > 400 || !line.matches("(?i)^\\s*(le|on|am)\\s.*")) {
            return false;
        }
        if (ATTRIBUTION.matcher(line).matches()) {
            return true;
        }
        return i + 1 < lines.length && ATTRIBUTION.matcher(line + " " + lines[i + 1]).matches();
    }

    /** Outlook's "De : ... / Envoyé : ... / À : ... / Objet : ..." block. */
    private static boolean isHeaderBlock(String[] lines, int i) {
        if (!HEADER_FROM.matcher(lines[i]).matches()) {
            return false;
        }
        int seen = 0;
        for (int j = i + 1; j < Math.min(lines.length, i + 5); j++) {
            if (HEADER_NEXT.matcher(lines[j]).matches()) {
                seen++;
            }
        }
        return seen >= 2;
    }
}
