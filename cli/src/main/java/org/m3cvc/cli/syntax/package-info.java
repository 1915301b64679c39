/** {@code m3cvc syntax}: the decoded-syntax serialization of spec clause 10, or its MD5. */
package org.m3cvc.cli.syntax;
