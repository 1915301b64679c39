package org.m3cvc.cli.verify;

import java.util.Objects;

import org.m3cvc.cli.ExitCodes;
import org.m3cvc.cli.common.Failure;

/**
 * The verdict on one file.
 *
 * @param file the file as named in messages
 * @param failure why the file is not valid; null when it is
 * @param chunkCount chunks read (all of them when valid)
 * @param decodedSyntaxMd5 MD5 of the decoded-syntax serialization, lowercase hex; null unless valid
 */
public record VerifyResult(String file, Failure failure, long chunkCount, String decodedSyntaxMd5) {
    public VerifyResult {
        Objects.requireNonNull(file);
        if ((failure == null) != (decodedSyntaxMd5 != null)) {
            throw new IllegalArgumentException("a result has either a failure or an MD5");
        }
    }

    public boolean valid() { return failure == null; }

    /** valid, corrupted, unsupported, io_error or internal_error. */
    public String status() { return failure == null ? "valid" : failure.kind().label(); }

    /** The exit code of this file alone. */
    public int exitCode() { return failure == null ? ExitCodes.OK : failure.exitCode(); }

    /** The report line: {@code FILE: valid (N chunks, decoded-syntax md5 X)}, or the failure's one-line message. */
    public String line() {
        return failure == null
                ? String.format("%s: valid (%d chunks, decoded-syntax md5 %s)", file, chunkCount, decodedSyntaxMd5)
                : failure.message();
    }
}
