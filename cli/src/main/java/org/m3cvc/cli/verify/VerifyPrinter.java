package org.m3cvc.cli.verify;

import java.io.IOException;

/** Writes verify results in one output format, one at a time as files are checked. */
interface VerifyPrinter {
    void print(VerifyResult r) throws IOException;

    /** Completes the output and flushes; does not close the stream. */
    void finish() throws IOException;
}
