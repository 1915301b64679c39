package org.m3cvc.codec.runtime;

/** Where networks run: {@code --device auto|cpu|cuda}. */
public enum Device {
    /** CUDA when this build and machine have it, else the CPU. */
    AUTO,
    CPU,
    /** CUDA or an error: needs the GPU ONNX Runtime artifact (Maven profile {@code gpu}) and a CUDA 12 machine. */
    CUDA
}
