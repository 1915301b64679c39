/**
 * Writing small ONNX models (ModelProto, protobuf wire format) from Java, without Python or the onnx package: the
 * plumbing networks of the test model pack and the tiny networks of runtime tests. Not a bitstream clause; the
 * ONNX IR (onnx/onnx.proto) is the reference for every field number used here.
 */
package org.m3cvc.codec.onnx;
