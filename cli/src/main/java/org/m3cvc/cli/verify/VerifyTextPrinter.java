package org.m3cvc.cli.verify;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The valid files' lines ({@link VerifyResult#line()}); a failure's line goes to standard error instead. */
final class VerifyTextPrinter implements VerifyPrinter {
    private final PrintWriter out;

    VerifyTextPrinter(OutputStream out) {
        this.out = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    @Override
    public void print(VerifyResult r) {
        if (!r.valid()) return;
        out.print(r.line());
        out.print('\n');
        out.flush();
    }

    @Override
    public void finish() {
        out.flush();
    }
}
