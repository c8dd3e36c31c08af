#!/usr/bin/python3
"""Regenerate the PyTorch oracles that pkg/tutorial's and pkg/lif's tests compare against.

Run it with Debian's python3-torch (PyTorch 1.13, CPU), from the repository
root:

    apt-get install -y python3-torch    # once
    /usr/bin/python3 scripts/torch_oracle.py

It writes pkg/lif/testdata/torch/lif_oracle.json and, under
pkg/tutorial/testdata/torch/, crossentropy_oracle.json,
relu_approx_oracle.json and linspace_oracle.json. The Go tests read them and
never need torch.

What is in lif_oracle.json:
  - "arange": torch.arange(0, T + dt, dt) grids (float32) as SHA-256 digests
    of their little-endian bytes, under the CPU dispatch and thread count
    each one was made with. The default dispatch (AVX2, 8-wide) grids are the
    ones lif.Simulate must reproduce; the AVX-512 (16-wide), generic ("NO AVX",
    also 8-wide) and two-thread grids back what docs/REFERENCE.md says about
    machine-dependent grids. Child processes run those, since
    ATEN_CPU_CAPABILITY is read when torch is imported.
  - "lif": the original's run_LIF over a sweep of I, T, dt, tau_ref, Rm, Cm,
    Vth and V_spike, with the defaults among them: the grid digest, the
    sample indices where the spike branch ran, and every membrane voltage.
  - "if_curves": plot_IF_curve's spike counts for a few (Rm, tau_ref) pairs.

crossentropy_oracle.json holds nn.CrossEntropyLoss() and the published
solution of Exercise 2.1 on the tutorial's batch and a few others;
relu_approx_oracle.json holds the published solution of Exercise 1 (its x
grid, weights and y_hat) on the tutorial's sine points and on odd ones;
linspace_oracle.json holds torch.linspace results (float32) as SHA-256
digests, under the default, AVX-512 and generic dispatches, for the
tutorial's ranges, a sweep of lengths around the 16-value vector pairs, odd
ranges and a few seeded random ones.

Everything runs single-threaded (torch.set_num_threads(1)) unless a grid
record says otherwise.
"""

import hashlib
import json
import math
import os
import subprocess
import sys

import numpy as np
import torch

OUT_DIR = os.path.join("pkg", "tutorial", "testdata", "torch")
LIF_DIR = os.path.join("pkg", "lif", "testdata", "torch")
OUT = os.path.join(LIF_DIR, "lif_oracle.json")


def run_LIF(I, T=50, dt=0.1, tau_ref=10,
            Rm=1, Cm=10, Vth=1, V_spike=0.5, spikes=None):
    """The original's run_LIF, line for line.

    The only addition is the optional list `spikes`, which collects the
    indices i where the spike branch ran (Vm[i] >= Vth).
    """
    # Set up array of time steps
    time = torch.arange(0, T + dt, dt)
    # Set up array for tracking Vm
    Vm = torch.zeros(len(time))
    # Iterate over each time step
    t_rest = 0
    for i, t in enumerate(time):
        # If t is after refractory period
        if t > t_rest:
            Vm[i] = Vm[i-1] + 1/Cm*(-Vm[i-1]/Rm + I) * dt
        # If Vm is over the threshold
        if Vm[i] >= Vth:
            # Increase volatage by change due to spike
            Vm[i] += V_spike
            # Set up new refactory period
            t_rest = t + tau_ref
            if spikes is not None:
                spikes.append(i)
    return time, Vm


def if_curve_counts(Rm, tau_ref):
    """plot_IF_curve's loop without the plotting: the spike count per current."""
    T = 1000  # Total time to simulate (msec)
    dt = 1  # Simulation time step (msec)
    Vth = 1  # Spike threshold (V)
    Is_max = 2
    Is = torch.linspace(0, Is_max, 10)
    spike_counts = []
    for I in Is:
        _, Vm = run_LIF(I, T=T, dt=dt, Vth=Vth, Rm=Rm, tau_ref=tau_ref)
        spike_counts += [torch.sum(Vm > Vth)]
    return Is, [int(c) for c in spike_counts]


def f32_text(values):
    """Shortest decimal strings that round-trip each float32 value."""
    return [np.format_float_positional(np.float32(v), unique=True, trim="-")
            if abs(float(v)) >= 1e-4 or v == 0 else
            np.format_float_scientific(np.float32(v), unique=True, trim="-")
            for v in values]


def dump_record(item):
    """One record on one line; float32 lists ("vm", "currents", ...) as bare
    shortest-decimal numbers rather than Python's 17-digit doubles."""
    raw = {}
    item = dict(item)
    for key in ("vm", "currents", "x_train", "y_train", "weights", "x", "y_hat"):
        if key in item:
            raw[key] = "[" + ",".join(item[key]) + "]"
            item[key] = f"@{key}@"
    text = json.dumps(item, separators=(",", ":"))
    for key, value in raw.items():
        text = text.replace(json.dumps(f"@{key}@"), value)
    return text


def digest(t):
    """SHA-256 of a tensor as little-endian float32 bytes."""
    return hashlib.sha256(t.to(torch.float32).numpy().astype("<f4").tobytes()).hexdigest()


def capability():
    """The CPU dispatch torch uses, as torch.__config__.show() reports it."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return "unknown"


def scalar_grid(T, dt):
    """float32(i*dt), the grid torch's scalar loop alone would build."""
    n = math.ceil((T + dt) / dt)
    return torch.tensor([dt * i for i in range(n)], dtype=torch.float64).to(torch.float32)


# Grids checked bit for bit. (T, dt) pairs; the last ones exceed 32,768
# points, where torch splits the range between threads.
GRIDS = [
    (50, 0.1), (20, 0.01), (10, 0.3), (100, 0.07), (37.3, 0.013), (15, 0.025),
    (200, 0.033), (1000, 0.7), (1000, 1.0), (0, 0.1), (1, 5), (0.7, 0.1),
    (3276.7, 0.1), (3276.8, 0.1), (5000, 0.1), (1000, 0.013),
]


def grid_records(threads):
    torch.set_num_threads(threads)
    out = []
    for T, dt in GRIDS:
        t = torch.arange(0, T + dt, dt)
        n = len(t)
        assert n == math.ceil((T + dt) / dt), (T, dt, n)
        out.append({
            "T": T, "dt": dt, "points": n,
            "capability": capability(), "threads": threads,
            "sha256": digest(t),
            "differ_from_scalar": int((t != scalar_grid(T, dt)).sum()),
        })
    return out


def lif_case(name, I, T=50, dt=0.1, tau_ref=10, Rm=1, Cm=10, Vth=1, V_spike=0.5):
    spikes = []
    time, Vm = run_LIF(I, T=T, dt=dt, tau_ref=tau_ref, Rm=Rm, Cm=Cm, Vth=Vth,
                       V_spike=V_spike, spikes=spikes)
    # The same loop on the scalar-loop grid, to show where the grid matters.
    scalar_spikes = []
    _run_on_grid(scalar_grid(T, dt), I, tau_ref, Rm, Cm, Vth, V_spike, dt, scalar_spikes)
    return {
        "name": name,
        "I": float(I), "T": T, "dt": dt, "tau_ref": tau_ref, "Rm": Rm, "Cm": Cm,
        "Vth": Vth, "V_spike": V_spike,
        "points": len(time),
        "grid_sha256": digest(time),
        "spikes": spikes,
        "spikes_on_scalar_grid_differ": scalar_spikes != spikes,
        "count_above": int(torch.sum(Vm > Vth)),
        "vm": f32_text(Vm.tolist()),
    }


def _run_on_grid(time, I, tau_ref, Rm, Cm, Vth, V_spike, dt, spikes):
    """run_LIF's loop on a given time tensor (for the scalar-grid comparison)."""
    Vm = torch.zeros(len(time))
    t_rest = 0
    for i, t in enumerate(time):
        if t > t_rest:
            Vm[i] = Vm[i-1] + 1/Cm*(-Vm[i-1]/Rm + I) * dt
        if Vm[i] >= Vth:
            Vm[i] += V_spike
            t_rest = t + tau_ref
            spikes.append(i)
    return Vm


def lif_cases():
    cases = [
        lif_case("defaults I=1.5", 1.5),
        lif_case("defaults I=2", 2),
        lif_case("subthreshold I=0.9", 0.9),
        lif_case("zero current", 0),
        lif_case("negative current", -1.3),
        lif_case("T=0", 1.5, T=0),
        lif_case("tau_ref=0", 1.5, tau_ref=0),
        lif_case("tau_ref < dt", 3, tau_ref=0.05),
        lif_case("Vth=0", 0.5, Vth=0),
        lif_case("Vth=0.7 V_spike=0.3", 1.2, Vth=0.7, V_spike=0.3),
        lif_case("Rm=3.3 Cm=0.1 I=0.25 (dt/Cm = 1)", 0.25, Rm=3.3, Cm=0.1),
        lif_case("dt=0.3 T=10 (dt does not divide T)", 4, T=10, dt=0.3),
        lif_case("T=20 dt=0.01 (ends past T)", 1.3, T=20, dt=0.01, tau_ref=2, Rm=1.7, Cm=3),
        lif_case("int grid T=1000 dt=1 Rm=50 tau_ref=2.5", torch.linspace(0, 2, 10)[5],
                 T=1000, dt=1, Rm=50, tau_ref=2.5),
    ]
    # The sweep: every (I, tau_ref, dt) for two (Rm, Cm) settings, T = 15 ms.
    for Rm, Cm in [(1, 10), (1.7, 3)]:
        for dt in [0.1, 0.05, 0.2, 0.3, 0.07, 0.025]:
            for tau_ref in [10, 2, 1, 0.5, 2.5, 0.3]:
                for I in [1.5, 2.5, 4]:
                    cases.append(lif_case(
                        f"sweep Rm={Rm} Cm={Cm} dt={dt} tau_ref={tau_ref} I={I}",
                        I, T=15, dt=dt, tau_ref=tau_ref, Rm=Rm, Cm=Cm))
    return cases


IF_PAIRS = [(1, 1), (5, 1), (10, 5), (50, 2.5), (1.7, 3.3), (100, 1), (2.3, 97.1), (12.3, 4.4)]


def if_curves():
    out = []
    for Rm, tau_ref in IF_PAIRS:
        Is, counts = if_curve_counts(Rm, tau_ref)
        out.append({"Rm": Rm, "tau_ref": tau_ref, "currents": f32_text(Is.tolist()), "counts": counts})
    return out


def cross_entropy_loss(x, labels):
    """The published solution of Exercise 2.1."""
    x_of_labels = torch.zeros(len(labels))
    # 1. Prediction for each class corresponding to the label
    for i, label in enumerate(labels):
        x_of_labels[i] = x[i, label]
    # 2. Loss vector for the batch
    losses = -x_of_labels + torch.log(torch.sum(torch.exp(x), axis=1))
    # 3. Return the average of the loss vector
    avg_loss = torch.mean(losses)
    return avg_loss


CE_CASES = [
    # The tutorial's batch (Exercise 2.1).
    ("tutorial", [[10.0, 1.0, -1.0, -20.0], [10.0, 10.0, 2.0, -10.0]], [0, 1]),
    ("one sample", [[0.5, -1.0, 2.0]], [2]),
    ("one class", [[3.0], [-2.0]], [0, 0]),
    ("uniform", [[0.0, 0.0, 0.0, 0.0]], [1]),
    ("wrong with confidence", [[30.0, -30.0], [-7.5, 7.5], [0.1, 0.2]], [1, 0, 1]),
    ("large logits (the naive solution overflows)", [[1000.0, 999.0, 0.0], [-1000.0, -1001.0, -1002.0]], [0, 2]),
    ("odd values", [[1e-7, -3.3, 88.0, 0.25, -0.125], [-88.0, 17.0, 16.999, 2.5e-3, 1.0], [0.3, 0.3, 0.30000001, -0.3, 1e-30]], [2, 2, 4]),
]


def crossentropy_oracle():
    out = []
    for name, logits, labels in CE_CASES:
        x = torch.tensor(logits, dtype=torch.float32)
        y = torch.tensor(labels)
        framework = nn_cross_entropy()(x, y).item()
        naive = cross_entropy_loss(x, y).item()
        out.append({
            "name": name, "logits": logits, "labels": labels,
            "framework": f32_text([framework])[0] if math.isfinite(framework) else str(framework),
            "naive_solution": f32_text([naive])[0] if math.isfinite(naive) else str(naive),
        })
    return out


def nn_cross_entropy():
    return torch.nn.CrossEntropyLoss()


def approximate_function(x_train, y_train):
    """The published solution of Exercise 1."""
    # Number of relus
    n_relus = x_train.shape[0] - 1
    # x axis points (more than x train)
    x = torch.linspace(torch.min(x_train), torch.max(x_train), 1000)
    ## COMPUTE RELU ACTIVATIONS
    # First determine what bias terms should be for each of `n_relus` ReLUs
    b = -x_train[:-1]
    # Compute ReLU activations for each point along the x axis (x)
    relu_acts = torch.zeros((n_relus, x.shape[0]))
    for i_relu in range(n_relus):
        relu_acts[i_relu, :] = torch.relu(x + b[i_relu])
    ## COMBINE RELU ACTIVATIONS
    # Set up weights for weighted sum of ReLUs
    combination_weights = torch.zeros((n_relus, ))
    # Figure out weights on each ReLU
    prev_slope = 0
    for i in range(n_relus):
        delta_x = x_train[i+1] - x_train[i]
        slope = (y_train[i+1] - y_train[i]) / delta_x
        combination_weights[i] = slope - prev_slope
        prev_slope = slope
    # Get output of weighted sum of ReLU activations for every point along x axis
    y_hat = combination_weights @ relu_acts
    return y_hat, relu_acts, x, combination_weights


def relu_approx_oracle():
    cases = []
    # The tutorial's training data.
    N_train = 10
    x_train = torch.linspace(0, 2*np.pi, N_train).view(-1, 1)
    y_train = torch.sin(x_train)
    cases.append(("tutorial sine, 10 points", x_train, y_train))
    # Odd inputs.
    cases.append(("two points", torch.tensor([[-1.0], [3.0]]), torch.tensor([[2.0], [-6.0]])))
    xs = torch.tensor([[-7.25], [-7.0], [-1.5], [0.0], [1e-3], [2.0], [40.0]])
    cases.append(("uneven spacing", xs, xs ** 2 / 10 - 3))
    x25 = torch.linspace(-3, 5, 25).view(-1, 1)
    cases.append(("cos, 25 points", x25, torch.cos(x25)))
    xl = torch.tensor([[1000.0], [1000.5], [1003.0], [1010.0]])
    cases.append(("large x", xl, torch.tensor([[1.0], [-1.0], [0.5], [1e3]])))
    out = []
    for name, x_train, y_train in cases:
        y_hat, relu_acts, x, weights = approximate_function(x_train, y_train)
        rec = {
            "name": name,
            "x_train": f32_text(x_train.view(-1).tolist()),
            "y_train": f32_text(y_train.view(-1).tolist()),
            "weights": f32_text(weights.tolist()),
            "x": f32_text(x.tolist()),
            "y_hat": f32_text(y_hat.tolist()),
            "relu_acts_sha256": hashlib.sha256(relu_acts.numpy().astype("<f4").tobytes()).hexdigest(),
        }
        if name.startswith("tutorial"):
            err = (y_hat - torch.sin(x)).abs()
            rec["max_abs_error_vs_sin"] = f32_text([err.max().item()])[0]
            rec["argmax_x"] = f32_text([x[err.argmax()].item()])[0]
        out.append(rec)
    return out


def write_records(path, header, sections):
    """A JSON object: header fields, then lists with one record per line."""
    doc = dict(header)
    doc.update(sections)
    with open(path, "w") as f:
        f.write("{\n")
        items = list(doc.items())
        for k, (key, value) in enumerate(items):
            sep = ",\n" if k < len(items) - 1 else "\n"
            if isinstance(value, list):
                f.write(f"  {json.dumps(key)}: [\n")
                for j, item in enumerate(value):
                    f.write("    " + dump_record(item) + (",\n" if j < len(value) - 1 else "\n"))
                f.write("  ]" + sep)
            else:
                f.write(f"  {json.dumps(key)}: {json.dumps(value)}{sep}")
        f.write("}\n")


# torch.linspace cases (start, end, steps): the tutorial's, then lengths
# around the vector pairs (16 values under AVX2, 32 under AVX-512) on a few
# ranges, then seeded random ones.
LINSPACE_TUTORIAL = [(0, 2 * np.pi, 10), (0, 2, 10), (0, 1, 1000), (0, 6.2831855, 1000), (-3, 5, 25)]
LINSPACE_RANGES = [(0, 1), (-3, 5), (5, -5), (0.1, 0.7), (1e-6, 100), (-7.25, 40), (1000, 1010), (-0.0, -1.0)]
LINSPACE_LENGTHS = list(range(1, 41)) + [47, 48, 49, 63, 64, 65, 100, 1000, 1001, 4096]


def linspace_cases():
    cases = list(LINSPACE_TUTORIAL)
    for a, b in LINSPACE_RANGES:
        cases += [(a, b, n) for n in LINSPACE_LENGTHS]
    rng = np.random.default_rng(2021)
    for _ in range(60):
        a, b = (float(v) * 10.0 ** int(e) for v, e in zip(rng.uniform(-100, 100, 2), rng.integers(-6, 4, 2)))
        cases.append((a, b, int(rng.integers(2, 3000))))
    # Overflowing steps and equal ends.
    cases += [(-3e38, 3e38, 40), (0, 3e38, 20), (1, 1, 40)]
    return cases


def linspace_records():
    torch.set_num_threads(1)
    return [{"start": a, "end": b, "steps": n, "capability": capability(), "sha256": digest(torch.linspace(a, b, n))}
            for a, b, n in linspace_cases()]


def child():
    """Grid (--grids THREADS) or linspace (--linspace) records under this
    process's dispatch, as JSON on stdout."""
    if sys.argv[1] == "--linspace":
        json.dump(linspace_records(), sys.stdout)
        return
    threads = int(sys.argv[2])
    json.dump(grid_records(threads), sys.stdout)


def main():
    torch.set_num_threads(1)
    grids = grid_records(1)
    for env_cap, threads in [("avx512", 1), ("default", 1), (None, 2)]:
        env = dict(os.environ)
        if env_cap:
            env["ATEN_CPU_CAPABILITY"] = env_cap
        else:
            env.pop("ATEN_CPU_CAPABILITY", None)
        res = subprocess.run([sys.executable, __file__, "--grids", str(threads)],
                             env=env, check=True, capture_output=True, text=True)
        grids += json.loads(res.stdout)
    torch.set_num_threads(1)
    lif = lif_cases()
    header = {
        "generator": "scripts/torch_oracle.py",
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "cpu_capability": capability(),
        "num_threads": torch.get_num_threads(),
        "note": "lists of float32 values hold each as the shortest decimal that reads back to the same float32",
    }
    linspace = linspace_records()
    for env_cap in ("avx512", "default"):
        env = dict(os.environ, ATEN_CPU_CAPABILITY=env_cap)
        res = subprocess.run([sys.executable, __file__, "--linspace"],
                             env=env, check=True, capture_output=True, text=True)
        linspace += json.loads(res.stdout)
    os.makedirs(OUT_DIR, exist_ok=True)
    os.makedirs(LIF_DIR, exist_ok=True)
    scalar_changes = sum(c["spikes_on_scalar_grid_differ"] for c in lif)
    write_records(OUT, dict(header, lif_cases_where_the_scalar_grid_changes_spikes=scalar_changes),
                  {"arange": grids, "lif": lif, "if_curves": if_curves()})
    ce = crossentropy_oracle()
    write_records(os.path.join(OUT_DIR, "crossentropy_oracle.json"), header, {"cases": ce})
    relu = relu_approx_oracle()
    write_records(os.path.join(OUT_DIR, "relu_approx_oracle.json"), header, {"cases": relu})
    write_records(os.path.join(OUT_DIR, "linspace_oracle.json"), header, {"cases": linspace})
    print(f"wrote {OUT_DIR} and {LIF_DIR}: {len(grids)} grids, {len(linspace)} linspace results, {len(lif)} LIF runs "
          f"({scalar_changes} where the scalar grid changes a spike), {len(IF_PAIRS)} f-I curves, "
          f"{len(ce)} cross-entropy batches, {len(relu)} ReLU fits; torch {torch.__version__}, {capability()}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("--grids", "--linspace"):
        child()
    else:
        main()
