package market.so.sync.mail;

/**
 * Flood control held a mail back: its sender already had their quota of mails processed this hour. Not an error:
 * the mail stays unseen in the inbox and is taken at a later poll. No stack trace, as it says all there is.
 */
public class SenderWaits extends RuntimeException {

    public SenderWaits(String sender, int processedThisHour) {
        super(sender + " had " + processedThisHour + " mails processed in the last hour; this one waits in the inbox",
                null, false, false);
    }
}
