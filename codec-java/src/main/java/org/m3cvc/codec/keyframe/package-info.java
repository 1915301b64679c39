/**
 * The keyframe codec (spec/m3c.md clause 8, the paper's keyframe codec): frame → image_encoder → post_encoder →
 * vector quantisation → index plane, and index plane → codebook → upsampler → diffusion sampling (clause 8.6) →
 * image_decoder → frame, with the networks of a model pack (spec/model-pack.md).
 */
package org.m3cvc.codec.keyframe;
