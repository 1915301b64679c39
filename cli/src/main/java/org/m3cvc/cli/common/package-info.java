/** What the commands share: opening inputs, describing failures, the incremental decoded-syntax MD5. */
package org.m3cvc.cli.common;
