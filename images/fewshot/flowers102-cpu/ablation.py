"""What makes SynQT good on Flowers102: one change at a time from the defaults, 16 shots, seed 0, judged on validation.

Usage:  SYNQT_DATA=/path/holding/flowers102 python images/fewshot/flowers102-cpu/ablation.py RUNS_DIR [VARIANT ...]
Every variant is a run folder in RUNS_DIR (a finished one is read, not retrained); its row of ablation.json here is
written (the other rows are kept).
Backbone: the offline DINOv2 ViT-S/14 stand-in (DINOv2-initialised, fine-tuned for saliency), 112 px, NOAH's lists.
"""
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

os.environ.setdefault('TQDM_DISABLE', '1')
from synqt.data import data_dir
from synqt.run import RunConfig, train_run
from synqt.train import TrainConfig

HERE = Path(__file__).parent
BASE = RunConfig(dataset='flowers102', root=str(data_dir()/'flowers102'), splits_dir=str(data_dir()/'flowers102'/'noah'), shots=16,
                 backbone='vit_small_patch14_dinov2.lvd142m', pretrained=True, img_size=112, trunk_drop_path=0.0, transforms='vtab',
                 method='synqt', trunk_cache='disk', train=TrainConfig(epochs=30, batch_size=64, device='cpu'))
VARIANTS = {  # name: (what changes, the changed config)
    'defaults': ('none: 1 query per layer, gates and feedback 0.1, AdamW lr 1e-3, keep ln-bf16, 112 px', BASE),
    'queries-4': ('4 queries per layer', replace(BASE, num_queries=4)),
    'scales-1': ('gates and feedback start at 1.0', replace(BASE, feat_scale=1.0, attn_scale=1.0, ffn_scale=1.0)),
    'lr-3e-3': ('lr 3e-3', replace(BASE, train=replace(BASE.train, lr=3e-3))),
    'keep-ln-fp32': ('the layers kept in fp32 (keep ln)', replace(BASE, keep='ln')),
    'img-154': ('154 px (11 x 11 patches instead of 8 x 8)', replace(BASE, img_size=154)),
    'lr-1e-2': ('lr 1e-2', replace(BASE, train=replace(BASE.train, lr=1e-2))),
    'epochs-60': ('60 epochs (warm-up 10, then cosine over 50)', replace(BASE, train=replace(BASE.train, epochs=60))),
}

def run_variant(out: Path, name: str) -> dict:
    "Train one variant (or read it when finished); its numbers."
    what, config = VARIANTS[name]
    folder = out/name
    if not (folder/'summary.json').is_file(): train_run(replace(config, cache_dir=str(out.parent/'trunk-cache')), folder, overwrite=True, progress=False)
    summary = json.loads((folder/'summary.json').read_text())
    return dict(variant=name, change=what, val_acc=summary['best_val_acc'], test_acc=summary['test_acc_at_best_val'],
                best_epoch=summary['best_epoch'], trainable_params=summary['trainable_params'], train_seconds=summary['train_seconds'])

if __name__ == '__main__':
    out, table = Path(sys.argv[1]), HERE/'ablation.json'
    results = {r['variant']: r for r in json.loads(table.read_text())} if table.is_file() else {}  # rows of other variants are kept
    for name in sys.argv[2:] or VARIANTS:
        results[name] = run_variant(out, name)
        print(results[name], flush=True)
        table.write_text(json.dumps([results[v] for v in VARIANTS if v in results], indent=1))
