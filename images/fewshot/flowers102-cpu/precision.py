"""What a bf16 trunk (and fp32 keep) costs SynQT in accuracy on Flowers102, 16 shots, seeds 0-2 (issue 19, item 3).

Usage:  SYNQT_DATA=/path/holding/flowers102 python images/fewshot/flowers102-cpu/precision.py RUNS_DIR [VARIANT ...]
Each variant is the sweep's SynQT run (sweep.py: 16 shots, lr 3e-3, 30 epochs, 112 px, trunk cache on disk) with one
change; every (variant, seed) is a run folder in RUNS_DIR (a finished one is read, not retrained), and precision.json
here gets its row (the other rows are kept). The fp32-trunk, ln-bf16 row is the sweep's own runs, read from runs.csv.
Backbone: the offline DINOv2 ViT-S/14 stand-in (DINOv2-initialised, fine-tuned for saliency), NOAH's lists.
"""
import csv
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault('TQDM_DISABLE', '1')
from synqt.data import data_dir
from synqt.run import RunConfig, train_run
from synqt.train import TrainConfig

HERE, SEEDS = Path(__file__).parent, [0, 1, 2]
BASE = RunConfig(dataset='flowers102', root=str(data_dir()/'flowers102'), splits_dir=str(data_dir()/'flowers102'/'noah'), shots=16,
                 backbone='vit_small_patch14_dinov2.lvd142m', pretrained=True, img_size=112, trunk_drop_path=0.0, transforms='vtab',
                 method='synqt', trunk_cache='disk', train=TrainConfig(epochs=30, batch_size=64, device='cpu', lr=3e-3))
VARIANTS = {  # name: (trunk, keep, the changed config)
    'trunk-bf16': ('bf16', 'ln-bf16', replace(BASE, trunk_precision='bf16')),
    'keep-ln-fp32': ('fp32', 'ln', replace(BASE, keep='ln')),
}

def sweep_rows() -> list[dict]:
    "The sweep's SynQT runs at 16 shots, lr 3e-3 (fp32 trunk, keep ln-bf16), from the committed runs.csv."
    with open(HERE/'runs.csv', newline='') as f: rows = list(csv.DictReader(f))
    return [dict(variant='sweep', trunk='fp32', keep='ln-bf16', seed=int(r['seed']), val_acc=float(r['best_val_acc']),
                 test_acc=float(r['test_acc_at_best_val']), train_seconds=float(r['train_seconds']), source='runs.csv')
            for r in rows if r['method'] == 'synqt' and r['shots'] == '16' and float(r['lr']) == 3e-3]

def run_variant(out: Path, name: str, seed: int) -> dict:
    "Train one variant at one seed (or read it when finished); its numbers."
    trunk, keep, config = VARIANTS[name]
    folder = out/f"{name}-seed{seed}"
    if not (folder/'summary.json').is_file():
        config = replace(config, cache_dir=str(out/'trunk-cache'), train=replace(config.train, seed=seed))
        train_run(config, folder, overwrite=True, progress=False)
    s = json.loads((folder/'summary.json').read_text())
    return dict(variant=name, trunk=s['trunk_precision'], keep=keep, seed=seed, val_acc=s['best_val_acc'],
                test_acc=s['test_acc_at_best_val'], train_seconds=s['train_seconds'], source='trained by precision.py')

if __name__ == '__main__':
    out, table = Path(sys.argv[1]), HERE/'precision.json'
    rows = {(r['variant'], r['seed']): r for r in json.loads(table.read_text())} if table.is_file() else {}
    rows |= {(r['variant'], r['seed']): r for r in sweep_rows()}
    for name in sys.argv[2:] or VARIANTS:
        for seed in SEEDS:
            rows[name, seed] = run_variant(out, name, seed)
            print(rows[name, seed], flush=True)
            table.write_text(json.dumps(list(rows.values()), indent=1))
