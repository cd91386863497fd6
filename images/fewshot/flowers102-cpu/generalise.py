"""Few-shot generalisation levers of SynQT on Flowers102 (issue 33), judged on validation only.

Usage:  SYNQT_DATA=/path/holding/flowers102 python images/fewshot/flowers102-cpu/generalise.py RUNS_DIR [SHOTS ...] [--only NAME,...] [--seeds 0,1,2]
Each lever alone and their combination, on NOAH's lists at the given shots (default: 1 16) and seeds (default: 0), the
offline DINOv2 ViT-S/14 stand-in at 112 px, as the sweep of notebook 13 (sweep.py here). RUNS_DIR keeps
the run folders and the trunk caches (resumable: run it again to continue); every finished run is added to
generalise.json here at once, with the validation accuracy, the accuracy of the selected weights on the
training images (the evaluation transform: how much of the training set the model memorised), the
training time and what the trunk cache cost. Test accuracy is neither read nor written: the choice of a
recipe is made on validation, and the sweep that follows reports test.
The weights are read from synqt's cache under the timm name vit_small_patch14_dinov2.lvd142m: on this
project's machines a stand-in, a DINOv2-initialised ViT-S/14 fine-tuned for saliency (see weights_note),
not stock DINOv2.
"""
import csv
import json
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault('TQDM_DISABLE', '1')
from torch.utils.data import DataLoader

from synqt.bench import machine_record
from synqt.data import NOAH_FOLDER, data_dir
from synqt.run import RunConfig, load_data, load_run, resume_run, train_run
from synqt.train import TrainConfig, make_accelerator, evaluate

HERE = Path(__file__).parent
RESULTS = HERE/'generalise.json'
PAPER = dict(transforms='vtab', train=TrainConfig(epochs=30, batch_size=64, lr=3e-3, device='cpu'))  # the table's SynQT recipe (lr chosen on validation by ablation.py)
PROTOCOL = dict(transforms='fewshot', cache_views=8, label_smoothing=0.1, mixup=0.8, epochs=100)  # every lever but SynQT's probe
LEVERS = {  # name: what changes from PAPER, in the order they train
    'paper': {},
    'probe': dict(probe=True),
    'all': PROTOCOL | dict(probe=True),
    'protocol': PROTOCOL,
    **{f'linear-lr{lr}': PROTOCOL | dict(method='linear', lr=lr) for lr in (0.01, 0.03, 0.1)},  # the probe of the same features, same levers, the sweep's lr grid
    'views': dict(transforms='fewshot', cache_views=8),
    'smoothing': dict(label_smoothing=0.1),
    'mixup': dict(mixup=0.8),
    'epochs100': dict(epochs=100),
}
TRAIN_FIELDS = {'label_smoothing', 'mixup', 'epochs', 'lr'}

def run_config(name: str, shots: int, seed: int, out: Path) -> RunConfig:
    "The run of lever `name` at `shots` with `seed`."
    changes = LEVERS[name]
    train = replace(PAPER['train'], **{k: v for k, v in changes.items() if k in TRAIN_FIELDS})
    run = {k: v for k, v in (PAPER | changes).items() if k not in TRAIN_FIELDS | {'train'}}
    return RunConfig(dataset='flowers102', root=str(data_dir()/'flowers102'), splits_dir=str(data_dir()/'flowers102'/NOAH_FOLDER),
                     shots=shots, backbone='vit_small_patch14_dinov2.lvd142m', pretrained=True, img_size=112, trunk_drop_path=0.0,
                     trunk_cache='disk', cache_dir=str(out/'trunk-cache'), cache_budget_gb=16.0, train=replace(train, seed=seed), **run)

def training_accuracy(folder: Path) -> float:
    "Accuracy of the run's selected weights on its training images, through the evaluation transform."
    run = load_run(folder)
    data = load_data(run.config)
    loader = DataLoader(data.train.with_transform(run.spec.eval()), batch_size=128)
    return evaluate(run.model, loader, make_accelerator(TrainConfig(device='cpu')))[1]

def cache_cost(out: Path, started: float) -> dict:
    "Trunk passes of the caches built since `started`: the seconds and bytes of each, by the forms' metadata."
    passes = []
    for meta_path in (out/'trunk-cache').glob('*.json'):
        if meta_path.stat().st_mtime < started: continue
        meta = json.loads(meta_path.read_text())
        passes.append(dict(images=meta['images'], views=meta.get('views', 1), seconds=meta['trunk_pass']['seconds'],
                           bytes=meta_path.with_suffix('.bin').stat().st_size))
    return dict(built=passes)

def record(row: dict):
    "Add `row` to generalise.json (replacing an earlier row of the same lever, shots and seed)."
    rows = json.loads(RESULTS.read_text())['runs'] if RESULTS.is_file() else []
    key = lambda r: (r['lever'], r['shots'], r.get('seed', 0))
    rows = [r for r in rows if key(r) != key(row)] + [row]
    RESULTS.write_text(json.dumps(dict(machine=machine_record('cpu'), runs=rows), indent=1) + '\n')

def train_one(name: str, shots: int, seed: int, out: Path):
    "Train (or resume, or skip when finished) the run of lever `name`, and record it."
    folder = out/(f"{name}-k{shots}" + (f"-s{seed}" if seed else ''))
    if (folder/'summary.json').is_file(): return
    started = time.time()
    if (folder/'checkpoint.pt').is_file(): summary = resume_run(folder, progress=False)
    else: summary = train_run(run_config(name, shots, seed, out), folder, overwrite=(folder/'run.json').is_file(), progress=False)
    with open(folder/'metrics.csv', newline='') as f: rows = list(csv.DictReader(f))
    best = next(row for row in rows if int(row['epoch']) == summary['best_epoch'])
    record(dict(lever=name, shots=shots, seed=seed, changes=LEVERS[name], best_epoch=summary['best_epoch'],
                epochs=len(rows), val_acc=summary['best_val_acc'], train_acc_clean=training_accuracy(folder),
                train_acc_batches_at_best=float(best['train_acc']), train_acc_batches_last=float(rows[-1]['train_acc']),
                train_seconds=summary['train_seconds'], cache=cache_cost(out, started),
                trunk_precision=summary.get('trunk_precision')))
    print(f"{name} k={shots} seed {seed}: val {summary['best_val_acc']:.4f} at epoch {summary['best_epoch']}, {summary['train_seconds']:.0f} s", flush=True)

def main(out: Path, shots: list[int], only: list[str], seeds: list[int]):
    unknown = set(only) - set(LEVERS)
    if unknown: sys.exit(f"unknown levers {sorted(unknown)}: expected some of {list(LEVERS)}")
    for seed in seeds:
        for k in shots:
            for name in LEVERS:
                if not only or name in only: train_one(name, k, seed, out)

if __name__ == '__main__':
    args = sys.argv[1:]
    options = {flag: args[args.index(flag) + 1].split(',') for flag in ('--only', '--seeds') if flag in args}
    args = [a for i, a in enumerate(args) if a not in options and (i == 0 or args[i - 1] not in options)]
    main(Path(args[0]), [int(k) for k in args[1:]] or [1, 16], options.get('--only', []), [int(s) for s in options.get('--seeds', ['0'])])
