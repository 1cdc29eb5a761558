package market.so.sync.mail;

/**
 * A stretch of a mail's text and where it came from. Where a key or an address sits matters as much as what
 * it looks like: the merchant's new words count more than a quoted earlier message, and a hash in a signature
 * is not a key.
 */
record TextRegion(Origin origin, String text) {

    /** Listed in the order a human reads a mail; earlier origins win ties between equally likely candidates. */
    enum Origin {
        /** What the sender wrote now, above any quote or signature. */
        BODY,
        SUBJECT,
        /** A text file attached to the mail. */
        ATTACHMENT,
        /** A message the sender forwarded: often the agency's mail carrying the key. */
        FORWARDED,
        /** After "--", "Cordialement", "Best regards": links and reference numbers, rarely the key. */
        SIGNATURE,
        /** An earlier message the sender replied to: read last. */
        QUOTED
    }
}
