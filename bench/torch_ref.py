#!/usr/bin/python3
"""PyTorch reference for `npm run bench -- model`: the same GPT as src/model/gpt.ts (pre-LN, learned
positions, tanh-GELU, tied embeddings, GPT-2 init) trained with AdamW (clip 1.0, wd 0.001 on matrices)
on random tokens, and KV-cache decoding (batch 32, 16-token prompts, 256 sampled tokens).

Needs Debian's PyTorch:  apt-get install -y python3-torch   (run with /usr/bin/python3)
Prints one JSON line per measurement; for each it tries 1 and 2 intra-op threads and reports the faster
(both figures are included). Usage: /usr/bin/python3 bench/torch_ref.py [--quick] [--configs A,B]
"""
import json
import math
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIGS = {
    "A": dict(vocab=512, layers=2, d=128, heads=4, T=64, batch=32),
    "B": dict(vocab=512, layers=4, d=256, heads=4, T=256, batch=16),
}


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.ln_1 = nn.LayerNorm(d)
        self.c_attn = nn.Linear(d, 3 * d)
        self.c_proj = nn.Linear(d, d)
        self.ln_2 = nn.LayerNorm(d)
        self.c_fc = nn.Linear(d, 4 * d)
        self.mlp_proj = nn.Linear(4 * d, d)

    def attn(self, x, past=None):
        B, T, D = x.shape
        H = self.heads
        q, k, v = self.c_attn(x).split(D, dim=2)
        q = q.view(B, T, H, D // H).transpose(1, 2)
        k = k.view(B, T, H, D // H).transpose(1, 2)
        v = v.view(B, T, H, D // H).transpose(1, 2)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)
            v = torch.cat([past[1], v], dim=2)
        Tk = k.shape[2]
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(D // H))
        if T > 1:
            mask = torch.ones(T, Tk, dtype=torch.bool).tril(Tk - T)
            att = att.masked_fill(~mask, float("-inf"))
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, D)
        return self.c_proj(y), (k, v)

    def forward(self, x, past=None):
        a, kv = self.attn(self.ln_1(x), past)
        x = x + a
        x = x + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh"))
        return x, kv


class GPT(nn.Module):
    def __init__(self, vocab, layers, d, heads, block):
        super().__init__()
        self.wte = nn.Embedding(vocab, d)
        self.wpe = nn.Embedding(block, d)
        self.h = nn.ModuleList([Block(d, heads) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d)
        for n, p in self.named_parameters():
            if p.dim() == 2:
                std = 0.02 / math.sqrt(2 * layers) if n.endswith("c_proj.weight") or n.endswith("mlp_proj.weight") else 0.02
                nn.init.normal_(p, 0.0, std)

    def forward(self, ids, past=None, start=0):
        T = ids.shape[1]
        x = self.wte(ids) + self.wpe(torch.arange(start, start + T))
        presents = []
        for i, blk in enumerate(self.h):
            x, kv = blk(x, None if past is None else past[i])
            presents.append(kv)
        x = self.ln_f(x)
        return x @ self.wte.weight.t(), presents


def train_speed(cfg, warmup, steps):
    torch.manual_seed(0)
    m = GPT(cfg["vocab"], cfg["layers"], cfg["d"], cfg["heads"], cfg["T"])
    decay = [p for n, p in m.named_parameters() if p.dim() == 2 and "wte" not in n and "wpe" not in n]
    other = [p for n, p in m.named_parameters() if not (p.dim() == 2 and "wte" not in n and "wpe" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.001}, {"params": other, "weight_decay": 0.0}], lr=3e-4, betas=(0.9, 0.95), eps=1e-8)
    B, T, V = cfg["batch"], cfg["T"], cfg["vocab"]
    seq = torch.randint(0, V, (B, T + 1))
    x, y = seq[:, :T], seq[:, 1:]
    times = []
    for s in range(warmup + steps):
        t0 = time.perf_counter()
        logits, _ = m(x)
        loss = F.cross_entropy(logits.reshape(-1, V), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
        opt.step()
        loss.item()
        if s >= warmup:
            times.append(time.perf_counter() - t0)
    times.sort()
    step = times[len(times) // 2]
    return B * T / step, step * 1000


@torch.no_grad()
def decode_speed(cfg, batch, prompt, new):
    torch.manual_seed(0)
    m = GPT(cfg["vocab"], cfg["layers"], cfg["d"], cfg["heads"], prompt + new)
    m.eval()
    ids = torch.randint(0, cfg["vocab"], (batch, prompt))

    def run(n):
        logits, past = m(ids)
        produced = 0
        for i in range(n):
            probs = F.softmax(logits[:, -1, :], dim=-1)
            nxt = torch.multinomial(probs, 1)
            produced += batch
            if i == n - 1:
                break
            logits, past = m(nxt, past, prompt + i)
        return produced

    run(4)
    t0 = time.perf_counter()
    produced = run(new)
    return produced / (time.perf_counter() - t0)


def best_of_threads(fn):
    res = {}
    for th in (1, 2):
        torch.set_num_threads(th)
        res[th] = fn()
    best = max(res, key=lambda k: res[k] if not isinstance(res[k], tuple) else res[k][0])
    return best, res


def main():
    quick = "--quick" in sys.argv
    names = ["A", "B"]
    if "--configs" in sys.argv:
        names = sys.argv[sys.argv.index("--configs") + 1].split(",")
    for name in names:
        cfg = CONFIGS[name]
        steps = (3 if quick else 10) if name == "A" else (2 if quick else 5)
        th, res = best_of_threads(lambda: train_speed(cfg, 2, steps))
        print(json.dumps({"bench": "model", "name": "train", "config": name, "path": "pytorch", "torch": torch.__version__,
                          "tokensPerSec": round(res[th][0]), "stepMs": round(res[th][1], 1), "threads": th,
                          "byThreads": {str(k): round(v[0]) for k, v in res.items()}}), flush=True)
    new = 64 if quick else 256
    th, res = best_of_threads(lambda: decode_speed(CONFIGS["A"], 32, 16, new))
    print(json.dumps({"bench": "model", "name": "decode", "config": "A", "path": "pytorch", "batch": 32, "promptTokens": 16, "newTokens": new,
                      "tokensPerSec": round(res[th]), "threads": th, "byThreads": {str(k): round(v) for k, v in res.items()}}), flush=True)


if __name__ == "__main__":
    main()
