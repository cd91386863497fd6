"""Torch's CPU threads, measured: `synqt demo` and a ViT-B/16 SynQT training step with torch's default threads
(one per core) against one thread, on an idle machine and with a second job running.

Usage:  python images/threads/threads.py [REPEATS]
The second job is a ViT-B/16 SynQT training loop in another process with torch's default threads, as a
second sweep worker or a notebook would be. Each configuration runs REPEATS times (default 2), alternating, and
the medians go to threads.json beside this file.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
CORES = len(os.sched_getaffinity(0))
STEP = """
import sys, time, torch
from torch import nn
from synqt.model import SynQT
from synqt.trunk import tiny_vit
torch.set_num_threads(int(sys.argv[1]))
torch.manual_seed(0)
model = SynQT(tiny_vit('vit_base_patch16_224', img_size=224, patch_size=16, depth=12, embed_dim=768, num_heads=12), 100).train()
x, y = torch.randn(8, 3, 224, 224), torch.randint(100, (8,))
steps, forever = int(sys.argv[2]), int(sys.argv[2]) == 0
times = []
while forever or len(times) < steps:
    start = time.perf_counter()
    nn.functional.cross_entropy(model(x), y).backward()
    model.zero_grad()
    times.append(time.perf_counter() - start)
print(sorted(times)[len(times) // 2])
"""

def demo_seconds(threads: int) -> float:
    "Wall time of `synqt demo` with `threads`."
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        subprocess.run([sys.executable, '-m', 'synqt', 'demo', '--out', f"{folder}/demo", '--threads', str(threads)], check=True, capture_output=True)
        return time.perf_counter() - start

def step_seconds(threads: int) -> float:
    "Median of three ViT-B/16 SynQT training steps (batch 8, 224 px) with `threads`."
    result = subprocess.run([sys.executable, '-c', STEP, str(threads), '3'], check=True, capture_output=True, text=True)
    return float(result.stdout.strip())

def measure(repeats: int) -> dict:
    "Medians of every measure with torch's default threads and with one."
    timings = {f"{what}, {threads} thread{'s' if threads > 1 else ''}": [] for what in ('demo', 'ViT-B/16 step') for threads in (CORES, 1)}
    for _ in range(repeats):
        for threads in (CORES, 1):
            timings[f"demo, {threads} thread{'s' if threads > 1 else ''}"].append(demo_seconds(threads))
            timings[f"ViT-B/16 step, {threads} thread{'s' if threads > 1 else ''}"].append(step_seconds(threads))
    return {name: statistics.median(values) for name, values in timings.items()}

if __name__ == '__main__':
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    env = os.environ | {'TQDM_DISABLE': '1'}
    os.environ.update(env)
    report = dict(cores=CORES, cpu=subprocess.run(['lscpu'], capture_output=True, text=True).stdout.split('Model name:')[-1].splitlines()[0].strip(),
                  idle=measure(repeats))
    second = subprocess.Popen([sys.executable, '-c', STEP, str(CORES), '0'], stdout=subprocess.DEVNULL)
    try:
        time.sleep(20)  # the second job past its start
        report['with a second job'] = measure(repeats)
    finally: second.kill()
    (HERE/'threads.json').write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))
