-- The merchants' mails, one row per mail that got past the idempotent consumer (key: its Message-ID, or a
-- content hash when it has none; the same key as in CAMEL_MESSAGEPROCESSED, processor 'mail-intake').
-- What it is for: counting failed attempts (a mail is rejected after somarket.mailbox.max-attempts), flood
-- control (mails processed per sender per hour), and telling ops what became of a mail.
CREATE TABLE mail_message (
    message_key    VARCHAR(100)  NOT NULL PRIMARY KEY,
    sender         VARCHAR(320),
    first_seen_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts       INTEGER       NOT NULL DEFAULT 0,
    last_error     VARCHAR(500),
    outcome        VARCHAR(40),
    shop_id        BIGINT,
    answered_at    TIMESTAMP WITH TIME ZONE,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX mail_message_sender ON mail_message (sender, first_seen_at);
