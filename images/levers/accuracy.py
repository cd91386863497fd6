"""FMNIST 10-way 16-shot with DINOv2 ViT-S/14: plain fp32 SynQT (keep=kv, no cache) against cached bf16 (keep=ln-bf16, trunk cache), seeds 0-2.

The weights and Fashion-MNIST come from synqt's cache (`synqt prefetch --notebooks`). The committed results were made on this
project's machines, whose cache holds a stand-in under the timm name: a DINOv2-initialised ViT-S/14 fine-tuned for saliency.
Usage: python images/levers/accuracy.py RUNS_DIR && cp RUNS_DIR/accuracy.json images/levers/
"""
import json
import os
import sys
import time
from pathlib import Path
os.environ['TQDM_DISABLE'] = '1'
from synqt.data import DataSplits, find_dataset, few_shot, folder_splits
from synqt.transforms import transform_spec
from synqt.model import SynQT, weights_note
from synqt.sweep import NOTEBOOK_ASSETS
from synqt.reuse import TrunkCacheCallback
from synqt.train import TrainConfig, fit

backbone = NOTEBOOK_ASSETS['backbone']
out = Path(sys.argv[1])  # the run folders; accuracy.json is written there
results = []
for seed in (0, 1, 2):
    full = folder_splits(find_dataset('fashion_mnist'), shots=16, seed=seed)
    data = DataSplits('fashion-mnist 16-shot', full.train, few_shot(full.val, 20, seed=0), few_shot(full.test, 100, seed=0), full.notes)
    for name, keep, cache in (('plain fp32', 'kv', 'off'), ('cached bf16', 'ln-bf16', 'memory')):
        model = SynQT.from_timm(backbone, data.num_classes, pretrained=True, img_size=56, trunk_drop_path=0.0, keep=keep)
        config = TrainConfig(epochs=30, batch_size=32, lr=2e-3, warmup_epochs=3, seed=seed, device='cpu')
        start = time.perf_counter()
        summary = fit(model, data, transform_spec('vtab', model), config, out / f"{keep}-seed{seed}", progress=False,
                      callbacks=[TrunkCacheCallback(cache, progress=False)] if cache != 'off' else [],
                      info=dict(method='synqt', backbone=f"{backbone} ({weights_note(backbone) or 'timm weights'})"))
        results.append(dict(configuration=name, keep=keep, trunk_cache=cache, seed=seed, train=len(data.train), val=len(data.val),
                            test=len(data.test), test_acc_at_best_val=summary['test_acc_at_best_val'], test_acc_last=summary['test_acc_last'],
                            train_seconds=summary['train_seconds'], wall_seconds=time.perf_counter() - start))
        print(results[-1], flush=True)
(out / 'accuracy.json').write_text(json.dumps(results, indent=1))
