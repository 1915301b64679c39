package org.m3cvc.cli;
public final class Main { public static void main(String[] a) {} }
