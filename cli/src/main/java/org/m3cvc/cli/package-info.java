/**
 * The {@code m3cvc} command line: {@link org.m3cvc.cli.Main} (picocli), {@link org.m3cvc.cli.ExitCodes} and the one
 * failure path every command shares. The commands live in {@code probe}, {@code verify} and {@code syntax}.
 */
package org.m3cvc.cli;
