"""The few-shot Flowers102 sweep of notebook 13 on a CPU: NOAH's lists, the offline DINOv2 ViT-S/14 stand-in, 112 px.

Usage:  SYNQT_DATA=/path/holding/flowers102 python images/fewshot/flowers102-cpu/sweep.py RUNS_DIR [GROUP ...]
RUNS_DIR keeps every run folder and the trunk caches (resumable: run it again to continue); the report
(runs.csv, summary.csv, results.md, plots) is written there and copied here. GROUP: linear, synqt,
uncached (LoRA, DTL, full fine-tuning), vqt (default: all, in that order); `report` trains nothing and
writes the report. The memory plot reads bench/bench.json here, written by
  synqt bench --backbone vit_small_patch14_dinov2 --img-size 112 --batch-sizes 8,64 --methods full,linear,lora,vqt,dtl,synqt \
              --device cpu --steps 1 --cache-images 0 --tasks 0 --out images/fewshot/flowers102-cpu/bench
The weights are read from synqt's cache under the timm name vit_small_patch14_dinov2.lvd142m: on this
project's machines a stand-in, a DINOv2-initialised ViT-S/14 fine-tuned for saliency (see weights_note),
not stock DINOv2.
"""
import json
import os
import shutil
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault('TQDM_DISABLE', '1')
from synqt.data import NOAH_FOLDER, data_dir
from synqt.sweep import plan_sweep, report_sweep, saved_per_image, sweep
from synqt.train import TrainConfig

HERE = Path(__file__).parent
SHOTS, SEEDS = [1, 2, 4, 8, 16], [0, 1, 2]
SHARED = dict(backbone='vit_small_patch14_dinov2.lvd142m', pretrained=True, img_size=112, trunk_drop_path=0.0,
              transforms='vtab', train=TrainConfig(epochs=30, batch_size=64, device='cpu'))
BF16 = dict(train=replace(SHARED['train'], precision='bf16'))  # the backbone's forward and backward under bf16 autocast
GROUPS = {  # name: [(methods, shots, seeds, lr grid or None for the method's recipe, other run fields)], in the order they train
    'linear': [(['linear'], SHOTS, SEEDS, [0.01, 0.03, 0.1], dict(trunk_cache='disk'))],
    'synqt': [(['synqt'], SHOTS, SEEDS, [3e-3], dict(trunk_cache='disk'))],  # the lr the ablation chose on validation
    'uncached': [(['lora', 'dtl', 'full'], [1], [0], None, BF16),
                 (['lora', 'dtl', 'full'], [4], [0], None, BF16),
                 (['lora', 'dtl', 'full'], [16], [0], None, BF16)],
    'vqt': [(['vqt'], SHOTS, SEEDS, None, dict(trunk_cache='disk'))]}

def main(out: Path, groups: list[str]):
    runs = []
    for name in GROUPS:
        for methods, shots, seeds, lrs, extra in GROUPS[name]:
            runs += plan_sweep(['flowers102'], shots, seeds, methods, lrs)
            if name not in groups: continue
            shared = SHARED | extra | dict(cache_dir=str(out/'trunk-cache'))
            sweep(out, ['flowers102'], shots, seeds, methods, data_dir(), NOAH_FOLDER, 1, lrs, **shared)
    bench = HERE/'bench'/'bench.json'  # synqt bench of the same backbone and size: the memory axis of CPU runs
    paths = report_sweep(runs, out, saved_per_image(json.loads(bench.read_text())) if bench.is_file() else None)
    for path in paths.values(): shutil.copy(path, HERE/path.name)
    print((HERE/'results.md').read_text())

if __name__ == '__main__':
    main(Path(sys.argv[1]), sys.argv[2:] or list(GROUPS))
