/**
 * A plumbing model pack (spec/model-pack.md) of small hand-built ONNX networks with fixed weights: a "VQ colour-block
 * codec" that makes every stage of the real pipeline run end to end without learned weights. It is not a model of the
 * paper and compresses nothing well; it exists for tests, conformance plumbing and demos.
 */
package org.m3cvc.codec.testpack;
