package org.m3cvc.codec.describe;

import java.io.IOException;

/**
 * Describing failed: the description server cannot be reached, answers with an error, answers something that is not
 * a chat completion, refuses, or answers nothing. The message is one line naming the endpoint and what happened.
 */
public final class DescribeException extends IOException {
    private static final long serialVersionUID = 1L;

    public DescribeException(String message) {
        super(message);
    }

    public DescribeException(String message, Throwable cause) {
        super(message, cause);
    }
}
