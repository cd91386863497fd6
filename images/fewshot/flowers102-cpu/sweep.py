"""The few-shot Flowers102 sweep of notebook 13 on a CPU: NOAH's lists, the offline DINOv2 ViT-S/14 stand-in, 112 px.

Usage:  SYNQT_DATA=/path/holding/flowers102 python images/fewshot/flowers102-cpu/sweep.py RUNS_DIR [GROUP ...]
RUNS_DIR keeps every run folder and the trunk caches (resumable: run it again to continue); the report
(runs.csv, summary.csv, results.md, plots) is written there and copied here. Run folders are not committed,
runs.csv is: on a fresh machine the runs it lists are restored into RUNS_DIR as summaries (marked so) and
reported, not trained again. GROUP: linear, synqt,
uncached (LoRA, DTL, full fine-tuning), vqt (default: all, in that order); `report` trains nothing and
writes the report. The memory plot reads bench/bench.json here, written by
  synqt bench --backbone vit_small_patch14_dinov2 --img-size 112 --batch-sizes 8,64 --methods full,linear,lora,vqt,dtl,synqt \
              --device cpu --steps 1 --cache-images 0 --tasks 0 --out images/fewshot/flowers102-cpu/bench
The weights are read from synqt's cache under the timm name vit_small_patch14_dinov2.lvd142m: on this
project's machines a stand-in, a DINOv2-initialised ViT-S/14 fine-tuned for saliency (see weights_note),
not stock DINOv2.
"""
import csv
import json
import os
import shutil
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault('TQDM_DISABLE', '1')
from synqt.data import NOAH_FOLDER, data_dir
from synqt.sweep import SweepRun, plan_sweep, report_sweep, saved_per_image, sweep
from synqt.train import TrainConfig

HERE = Path(__file__).parent
SHOTS, SEEDS = [1, 2, 4, 8, 16], [0, 1, 2]
SHARED = dict(backbone='vit_small_patch14_dinov2.lvd142m', pretrained=True, img_size=112, trunk_drop_path=0.0,
              transforms='vtab', train=TrainConfig(epochs=30, batch_size=64, device='cpu'))
BF16 = dict(train=replace(SHARED['train'], precision='bf16'))  # the backbone's forward and backward under bf16 autocast
FP32 = dict(train=replace(SHARED['train'], precision='fp32'))  # on a CPU without bf16 instructions (AVX2 only): DTL's 16-shot epoch took 1,892 s under bf16 autocast, 82 s in fp32
GROUPS = {  # name: [(methods, shots, seeds, lr grid or None for the method's recipe, other run fields)], in the order they train
    'linear': [(['linear'], SHOTS, SEEDS, [0.01, 0.03, 0.1], dict(trunk_cache='disk'))],
    'synqt': [(['synqt'], SHOTS, SEEDS, [3e-3], dict(trunk_cache='disk'))],  # the lr the ablation chose on validation
    'uncached': [(['lora', 'dtl', 'full'], [1], [0], None, BF16),
                 (['lora', 'dtl', 'full'], [4], [0], None, BF16),
                 (['lora'], [16], [0], None, BF16),
                 (['dtl', 'full'], [16], [0], None, FP32)],  # trained on an AVX2-only CPU: 30 min an epoch under bf16 autocast
    'vqt': [(['vqt'], SHOTS, SEEDS, None, dict(trunk_cache='disk', cache_budget_gb=16.))]}  # VQT's cache keeps every layer's keys and values in fp32: 2.3 MiB an image, 9.1 GiB for val and test

INTEGERS, TEXT = {'shots', 'seed', 'trainable_params', 'peak_memory_bytes'}, {'dataset', 'method', 'backbone', 'pretrained_source'}

def parse_field(name: str, value: str):
    "A runs.csv cell as the summary held it: None for an empty cell, else an int, a float or text by field."
    if value == '': return None
    return value if name in TEXT else int(value) if name in INTEGERS else float(value)

def restore_committed(runs: list[SweepRun], out: Path) -> int:
    "Write the summary of every run of the committed runs.csv whose folder `out` lacks; how many were restored."
    if not (HERE/'runs.csv').is_file(): return 0
    planned = {(r.dataset, r.shots, r.seed, r.method, r.lr): r for r in runs}
    restored = 0
    with open(HERE/'runs.csv', newline='') as f: rows = list(csv.DictReader(f))
    for row in rows:
        summary = {name: parse_field(name, value) for name, value in row.items()}
        key = tuple(summary[k] for k in ('dataset', 'shots', 'seed', 'method'))
        run = planned.get(key + (summary['lr'],)) or planned.get(key + (None,))
        if run is None: raise ValueError(f"runs.csv has a run this sweep does not plan: {row}")
        folder = out/run.folder
        if folder.exists(): continue
        folder.mkdir(parents=True)
        summary |= dict(config=dict(lr=summary['lr']), restored_from="the committed runs.csv (the run folder was not kept)")
        (folder/'summary.json').write_text(json.dumps(summary, indent=1))
        restored += 1
    return restored

def main(out: Path, groups: list[str]):
    runs = [run for name in GROUPS for methods, shots, seeds, lrs, _ in GROUPS[name]
            for run in plan_sweep(['flowers102'], shots, seeds, methods, lrs)]
    print(f"restored {restore_committed(runs, out)} finished runs from the committed runs.csv")
    for name in GROUPS:
        for methods, shots, seeds, lrs, extra in GROUPS[name]:
            if name not in groups: continue
            shared = SHARED | extra | dict(cache_dir=str(out/'trunk-cache'))
            sweep(out, ['flowers102'], shots, seeds, methods, data_dir(), NOAH_FOLDER, 1, lrs, **shared)
    bench = HERE/'bench'/'bench.json'  # synqt bench of the same backbone and size: the memory axis of CPU runs
    paths = report_sweep(runs, out, saved_per_image(json.loads(bench.read_text())) if bench.is_file() else None)
    for path in paths.values(): shutil.copy(path, HERE/path.name)
    print((HERE/'results.md').read_text())

if __name__ == '__main__':
    main(Path(sys.argv[1]), sys.argv[2:] or list(GROUPS))
