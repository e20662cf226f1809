#!/usr/bin/python3
# bench-torch.py
# Copyright 2026 The Gradlens authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times PyTorch and Gradlens on the same work, in one run, on the same
number of threads, and prints the figures, the ratios and DESIGN.md's
performance targets.

    /usr/bin/python3 tests/bench/bench-torch.py build/src/cli/gradlens-cli [--threads 2] [--quick]

Cases (DESIGN.md "Performance targets"):
  notebook   5 x 10, 100 samples, sigmoid, float32: forward + backward + the
             ten gradient norms on data and weights prepared once (PyTorch: the
             notebook's get_gradient_norms; Gradlens: `bench`, seconds_per_run)
  20x512     20 layers x 512 wide, 1024 samples, ReLU, float32: the same
  seeds      1000 seeds of the notebook network in statistics mode: data,
             initialisation, forward, backward and norms per seed, then min,
             quartiles and median per parameter (PyTorch: a loop; Gradlens:
             `bench --seeds 1000` seconds_per_ensemble, and the whole
             `run --seeds 1000` process)
  sweep      `sweep --depths 1:50`: the first weight's gradient norm for depths
             1..50 (PyTorch: a loop; Gradlens: the whole process)
  training   full-batch training, recording every step's loss, gradient norms
             and weight changes (DESIGN.md "Analysis contracts", `train`):
             PyTorch: the reference script's loop (torch.optim.SGD / Adam);
             Gradlens: in process, the `train` process for N + 1 steps less
             the one for 1 step; and the whole `train` process. The notebook network for 1000 SGD and Adam
             steps (target >= 50x) and 5000 steps as a process (>= 30x);
             20 x 512, 1024 samples, ReLU, for --large-steps steps (default
             1000; >= 1x)

Before timing it checks that both compute the same numbers (the notebook's
gradient norms, the sweep's values). Ratios are PyTorch time / Gradlens time:
above 1, Gradlens is faster.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn as nn


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("cli", help="path of gradlens-cli")
    p.add_argument("--threads", type=int, default=2, help="threads for both (default 2)")
    p.add_argument("--quick", action="store_true", help="fewer iterations (a smoke test)")
    p.add_argument("--large-steps", type=int, default=None,
                   help="training steps of the 20 x 512 network (default 1000, 3 with --quick; each step "
                        "is about 30 GFLOP, so 1000 take minutes on each side)")
    p.add_argument("--only-training", action="store_true", help="time the training cases only")
    return p.parse_args()


ARGS = parse_args()
THREADS = ARGS.threads
QUICK = ARGS.quick
torch.set_num_threads(THREADS)
ENV = dict(os.environ, OPENBLAS_NUM_THREADS=str(THREADS), OMP_NUM_THREADS=str(THREADS),
           BLIS_NUM_THREADS=str(THREADS))


def cli(*args):
    out = subprocess.run([ARGS.cli, *args], env=ENV, check=True, capture_output=True, text=True).stdout
    return out


def cli_json(*args):
    return json.loads(cli(*args, "--format", "json"))


def wall(args, repeat):
    """minimum and median wall time of running gradlens-cli ARGS as a process"""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([ARGS.cli, *args], env=ENV, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


# ---- the PyTorch side: the notebook's code -------------------------------

def build(depth, width, inputs, outputs, act):
    layers = []
    for i in range(depth):
        fan_in = inputs if i == 0 else width
        fan_out = outputs if i == depth - 1 else width
        layers.append(nn.Linear(fan_in, fan_out))
        layers.append(act())
    return nn.Sequential(*layers)


def get_gradient_norms(model, X, Y):
    model.zero_grad()
    Y_hat = model(X)
    loss_func = nn.MSELoss()
    loss = loss_func(Y_hat, Y)
    loss.backward()
    gradient_norms = []
    for name, param in model.named_parameters():
        if param.grad is not None:
            gradient_norms.append(param.grad.norm().item())
    return gradient_norms


def seeded_run(seed, depth=5, width=10, inputs=10, outputs=1, samples=100, act=nn.Sigmoid):
    """a Gradlens run with this seed, as DESIGN.md defines it in PyTorch"""
    torch.manual_seed(seed)
    X = torch.randn(samples, inputs)
    Y = torch.randn(samples, outputs)
    model = build(depth, width, inputs, outputs, act)
    return get_gradient_norms(model, X, Y)


def time_torch_run(depth, width, samples, act, iterations, warmup):
    torch.manual_seed(0)
    X = torch.randn(samples, 10)
    Y = torch.randn(samples, 1)
    model = build(depth, width, 10, 1, act)
    for _ in range(warmup):
        get_gradient_norms(model, X, Y)
    times = []
    for _ in range(iterations):
        t0 = time.perf_counter_ns()
        get_gradient_norms(model, X, Y)
        times.append((time.perf_counter_ns() - t0) * 1e-9)
    return min(times), statistics.median(times)


def torch_seeds(n):
    """statistics mode: n seeded runs, then min, quartiles, median, max"""
    norms = np.array([seeded_run(s) for s in range(n)])
    return np.quantile(norms, [0, 0.25, 0.5, 0.75, 1], axis=0)


def torch_sweep(depths):
    return [seeded_run(0, depth=d)[0] for d in depths]


def time_call(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


# ---- training: the reference script's loop -----------------------------------

def torch_train(steps, optimizer="sgd", depth=5, width=10, samples=100, act=nn.Sigmoid, lr=0.01, record=True):
    """`gradlens-cli train` in PyTorch (the reference script's loop): the records of every step
    (loss, every gradient norm, every Linear layer's weight change), then the optimizer's step.
    Returns (seconds for the steps, records)."""
    torch.manual_seed(0)
    X = torch.randn(samples, 10)
    Y = torch.randn(samples, 1)
    model = build(depth, width, 10, 1, act)
    opt = (torch.optim.SGD(model.parameters(), lr=lr) if optimizer == "sgd"
           else torch.optim.Adam(model.parameters(), lr=lr))
    lins = [m for m in model if isinstance(m, nn.Linear)]
    start = [lin.weight.detach().clone() for lin in lins]
    out = []
    t0 = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.MSELoss()(model(X), Y)
        loss.backward()
        if record:
            change = [((lin.weight.detach() - w0).norm() / w0.norm()).item() for lin, w0 in zip(lins, start)]
            out.append((loss.item(), [p.grad.norm().item() for p in model.parameters()], change))
        opt.step()
    return time.perf_counter() - t0, out


def check_same_training():
    """20 steps of each optimizer: Gradlens's records against PyTorch's"""
    worst = 0.0
    for optimizer in ("sgd", "adam"):
        ours = cli_json("train", "--steps", "20", "--optimizer", optimizer, "--lr", "0.01")["train"]["steps"]
        _, theirs = torch_train(20, optimizer)
        for o, (loss, norms, change) in zip(ours, theirs):
            pairs = [(o["loss"], loss)] + list(zip(o["grad_norms"], norms)) + list(zip(o["weight_change"], change))
            worst = max([worst] + [abs(a - b) / abs(b) for a, b in pairs if b != 0])
    print(f"check: 20 training steps (sgd, adam): largest relative difference {worst:.1e}")
    if worst > 1e-4:
        sys.exit("bench-torch.py: Gradlens and PyTorch train differently; the timings would not compare the same work")


def train_process(steps, repeat, *extra):
    """minimum and median wall time of the whole `gradlens-cli train` process"""
    return wall(["train", "--steps", str(steps), "--lr", "0.01", *extra], repeat)


def train_in_process(steps, repeat, *extra):
    """the time of `steps` training steps inside the process: the whole `train` process for steps + 1
    steps less the one for 1 step (the same start, data, initialisation, exit), minimum and median over
    repeat pairs. It includes what the PyTorch loop does not: writing every step's JSON."""
    diffs = []
    for _ in range(repeat):
        one, _ = train_process(1, 1, *extra)
        many, _ = train_process(steps + 1, 1, *extra)
        diffs.append(many - one)
    return min(diffs), statistics.median(diffs)


def training_rows():
    rows = []
    check_same_training()
    steps = 1000
    repeat = 3 if QUICK else 7
    for optimizer in ("sgd", "adam"):
        times = [torch_train(steps, optimizer)[0] for _ in range(repeat)]
        t_min, t_med = min(times), statistics.median(times)
        g_min, g_med = train_in_process(steps, repeat, "--optimizer", optimizer)
        rows.append((f"train notebook, {steps} {optimizer} steps (in process)", t_min, t_med, g_min, g_med,
                     ">= 50x", "met" if t_med / g_med >= 50 else "MISSED"))
    bare = [torch_train(steps, "sgd", record=False)[0] for _ in range(repeat)]
    print(f"PyTorch's loop without the records (zero_grad, forward, backward, step): "
          f"{statistics.median(bare) / steps * 1e6:.0f} us a step; with them "
          f"{rows[0][2] / steps * 1e6:.0f} us")

    steps = 1000 if QUICK else 5000
    times = [torch_train(steps, "sgd")[0] for _ in range(3 if QUICK else 5)]
    t_min, t_med = min(times), statistics.median(times)
    p_min, p_med = train_process(steps, 3 if QUICK else 10, "--optimizer", "sgd")
    rows.append((f"train notebook, {steps} steps, `train` process", t_min, t_med, p_min, p_med, ">= 30x",
                 "met" if t_med / p_med >= 30 else "MISSED"))

    steps = ARGS.large_steps if ARGS.large_steps is not None else (3 if QUICK else 1000)
    t, _ = torch_train(steps, "sgd", depth=20, width=512, samples=1024, act=nn.ReLU)
    p, _ = wall(["train", "--depth", "20", "--width", "512", "--samples", "1024", "--activation", "relu",
                 "--steps", str(steps), "--optimizer", "sgd", "--lr", "0.01"], 1)
    rows.append((f"train 20x512, 1024 samples, relu, {steps} steps", t, t, p, p, ">= 1x",
                 "met" if t / p >= 1 else "MISSED"))
    return rows


# ---- same numbers first ----------------------------------------------------

def check_same_work():
    ours = cli_json("run")["runs"][0]["parameters"]
    theirs = seeded_run(0)
    worst = max(abs(p["grad_norm"] - t) / abs(t) for p, t in zip(ours, theirs))
    print(f"check: notebook gradient norms, seed 0: largest relative difference {worst:.1e}")
    if worst > 1e-4:
        sys.exit("bench-torch.py: Gradlens and PyTorch disagree; the timings would not compare the same work")
    return worst


def fmt_time(seconds):
    if seconds < 1e-3:
        return f"{seconds * 1e6:9.1f} us"
    if seconds < 1:
        return f"{seconds * 1e3:9.2f} ms"
    return f"{seconds:9.3f} s "


def main():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(f"machine: {cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
          f"PyTorch {torch.__version__}, numpy {np.__version__}")
    print(f"threads: {THREADS} for both (torch.set_num_threads, OPENBLAS_NUM_THREADS); gradlens-cli: {ARGS.cli}")
    try:
        print("load average before:", " ".join(open("/proc/loadavg").read().split()[:3]),
              "(other work on the machine skews the figures)")
    except OSError:
        pass
    check_same_work()
    rows = []
    notes = []
    if ARGS.only_training:
        print_rows(training_rows(), notes)
        return

    # (a) the notebook network
    n_torch = 300 if QUICK else 3000
    n_ours = 2000 if QUICK else 20000
    t_min, t_med = time_torch_run(5, 10, 100, nn.Sigmoid, n_torch, 200)
    b = cli_json("bench", "--iterations", str(n_ours))
    g_min, g_med = b["seconds_per_run"]["min"], b["seconds_per_run"]["median"]
    ratio = t_med / g_med
    rows.append(("notebook 5x10, 100 samples, sigmoid, f32", t_min, t_med, g_min, g_med,
                 ">= 100x (floor 50x)", "met" if ratio >= 100 else "floor met" if ratio >= 50 else "MISSED"))
    notes.append(f"notebook: Gradlens {g_med * 1e6:.1f} us per run (median) against DESIGN.md's absolute bound of "
                 f"16 us (its 830 us PyTorch figure / 50): {'met' if g_med < 16e-6 else 'MISSED'}; "
                 f"{830e-6 / g_med:.0f}x that 830 us figure, {ratio:.0f}x the PyTorch measured here")

    # (b) 20 layers x 512
    n = 3 if QUICK else 15
    t_min, t_med = time_torch_run(20, 512, 1024, nn.ReLU, n, 2)
    b = cli_json("bench", "--depth", "20", "--width", "512", "--samples", "1024", "--activation", "relu",
                 "--iterations", str(n))
    g_min, g_med = b["seconds_per_run"]["min"], b["seconds_per_run"]["median"]
    rows.append(("20x512, 1024 samples, relu, f32", t_min, t_med, g_min, g_med, ">= 1x",
                 "met" if t_med / g_med >= 1 else "MISSED"))

    # (c) 1000 seeds in statistics mode
    n_seeds = 1000
    repeat = 1 if QUICK else 3
    t_min, t_med = time_call(lambda: torch_seeds(n_seeds), repeat)
    b = cli_json("bench", "--seeds", str(n_seeds), "--iterations", "3" if QUICK else "10")
    e = b.get("seconds_per_ensemble")
    if e is not None:
        rows.append(("1000 seeds, statistics (in process)", t_min, t_med, e["min"], e["median"],
                     "< 50 ms", "met" if e["median"] < 0.050 else "MISSED"))
    p_min, p_med = wall(["run", "--seeds", str(n_seeds), "--format", "json"], 3 if QUICK else 10)
    rows.append(("1000 seeds, `run --seeds 1000` process", t_min, t_med, p_min, p_med, "< 50 ms",
                 "met" if p_med < 0.050 else "MISSED"))

    # (d) depth sweep, when gradlens-cli has it
    depths = list(range(1, 51))
    try:
        sweep = cli_json("sweep", "--depths", "1:50")["sweep"]
    except subprocess.CalledProcessError:
        sweep = None
    if sweep is None:
        print("sweep: gradlens-cli has no sweep command; skipped")
    else:
        theirs = torch_sweep(depths)
        ours = [s["first_weight_grad_norm"] for s in sweep]
        worst = max((abs(a - b) / abs(b) if b else abs(a)) for a, b in zip(ours, theirs))
        print(f"check: sweep 1..50, first weight gradient norm: largest relative difference {worst:.1e}")
        t_min, t_med = time_call(lambda: torch_sweep(depths), 1 if QUICK else 3)
        p_min, p_med = wall(["sweep", "--depths", "1:50", "--format", "json"], 3 if QUICK else 10)
        rows.append(("sweep depths 1..50 (process)", t_min, t_med, p_min, p_med, "-", ""))

    # (e) training
    rows += training_rows()
    print_rows(rows, notes)


def print_rows(rows, notes):
    print()
    print(f"{'case':52} {'PyTorch min':>12} {'median':>12} {'Gradlens min':>13} {'median':>12} "
          f"{'ratio (med)':>12}  target")
    for name, tmin, tmed, gmin, gmed, target, verdict in rows:
        print(f"{name:52} {fmt_time(tmin):>12} {fmt_time(tmed):>12} {fmt_time(gmin):>13} {fmt_time(gmed):>12} "
              f"{tmed / gmed:11.1f}x  {target}  {verdict}")
    print()
    for note in notes:
        print(note)
    print("ratio = PyTorch median / Gradlens median (above 1: Gradlens faster). The 1000-seed target is on "
          "Gradlens's own time.")


if __name__ == "__main__":
    main()
