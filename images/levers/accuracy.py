"""FMNIST 10-way 16-shot with the offline DINOv2 ViT-S/14 (../shared/tools/offline_assets.py): plain fp32 SynQT (keep=kv, no cache) against cached bf16 (keep=ln-bf16, trunk cache), seeds 0-2.

Usage: python images/levers/accuracy.py RUNS_DIR && cp RUNS_DIR/accuracy.json images/levers/
"""
import json, os, sys, time
from pathlib import Path
os.environ['TQDM_DISABLE'] = '1'
from synqt.data import DataSplits, few_shot, folder_splits, transform_spec
from synqt.model import SynQT
from synqt.train import TrainConfig, fit

assets = Path.home() / '.cache' / 'synqt-assets'
out = Path(sys.argv[1])  # the run folders; accuracy.json is written there
results = []
for seed in (0, 1, 2):
    full = folder_splits(assets / 'fashion-mnist', shots=16, seed=seed)
    data = DataSplits('fashion-mnist 16-shot', full.train, few_shot(full.val, 20, seed=0), few_shot(full.test, 100, seed=0), full.notes)
    for name, keep, cache in (('plain fp32', 'kv', 'off'), ('cached bf16', 'ln-bf16', 'memory')):
        model = SynQT.from_timm('vit_small_patch14_dinov2', data.num_classes, checkpoint=assets / 'dinov2_vits14_imgfocus.safetensors',
                                img_size=56, trunk_drop_path=0.0, keep=keep)
        config = TrainConfig(epochs=30, batch_size=32, lr=2e-3, warmup_epochs=3, seed=seed, device='cpu', trunk_cache=cache)
        start = time.perf_counter()
        summary = fit(model, data, transform_spec('vtab', model), config, out / f"{keep}-seed{seed}", progress=False,
                      info=dict(method='synqt', backbone='vit_small_patch14_dinov2 (offline DINOv2 ViT-S/14 weights)'))
        results.append(dict(configuration=name, keep=keep, trunk_cache=cache, seed=seed, train=len(data.train), val=len(data.val),
                            test=len(data.test), test_acc_at_best_val=summary['test_acc_at_best_val'], test_acc_last=summary['test_acc_last'],
                            train_seconds=summary['train_seconds'], wall_seconds=time.perf_counter() - start))
        print(results[-1], flush=True)
(out / 'accuracy.json').write_text(json.dumps(results, indent=1))
