"""The original tutorial's training code, unchanged, timed in three forms.

Run by bench/compare.sh with Debian's system Python and python3-torch. Modes:
  dataloader2  the original as written: DataLoader with num_workers=2
  dataloader0  the same with num_workers=0
  bare         a bare tensor loop with the same shuffling (randperm per epoch,
               drop_last), no DataLoader
Prints one JSON line: {"impl": "torch-<mode>-t<threads>", "train_s", "grid_s", ...}.
"""
import json
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset

mode = sys.argv[1]
threads = int(sys.argv[2])
torch.set_num_threads(threads)
SEED = 2021


def set_seed(seed=None, seed_torch=True):
    if seed is None:
        seed = np.random.choice(2 ** 32)
    random.seed(seed)
    np.random.seed(seed)
    if seed_torch:
        torch.manual_seed(seed)
        torch.cuda.manual_seed_all(seed)
        torch.cuda.manual_seed(seed)
        torch.backends.cudnn.benchmark = False
        torch.backends.cudnn.deterministic = True


def seed_worker(worker_id):
    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)


class Net(nn.Module):
    def __init__(self, actv, input_feature_num, hidden_unit_nums, output_feature_num):
        super(Net, self).__init__()
        self.input_feature_num = input_feature_num
        self.mlp = nn.Sequential()
        in_num = input_feature_num
        for i in range(len(hidden_unit_nums)):
            out_num = hidden_unit_nums[i]
            layer = nn.Linear(in_num, out_num)
            in_num = out_num
            self.mlp.add_module('Linear_%d' % i, layer)
            actv_layer = eval('nn.%s' % actv)  # the original's code, unchanged
            self.mlp.add_module('Activation_%d' % i, actv_layer)
        out_layer = nn.Linear(in_num, output_feature_num)
        self.mlp.add_module('Output_Linear', out_layer)

    def forward(self, x):
        x = x.view(-1, self.input_feature_num)
        logits = self.mlp(x)
        return logits


def create_spiral_dataset(K, sigma, N):
    t = torch.linspace(0, 1, N)
    X = torch.zeros(K*N, 2)
    y = torch.zeros(K*N)
    for k in range(K):
        X[k*N:(k+1)*N, 0] = t*(torch.sin(2*np.pi/K*(2*t+k)) + sigma*torch.randn(N))
        X[k*N:(k+1)*N, 1] = t*(torch.cos(2*np.pi/K*(2*t+k)) + sigma*torch.randn(N))
        y[k*N:(k+1)*N] = k
    return X, y


def shuffle_and_split_data(X, y, seed):
    torch.manual_seed(seed)
    N = X.shape[0]
    shuffled_indices = torch.randperm(N)
    X = X[shuffled_indices]
    y = y[shuffled_indices]
    test_size = int(0.2 * N)
    return X[:test_size], y[:test_size], X[test_size:], y[test_size:]


def train_test_classification(net, criterion, optimizer, train_loader,
                              test_loader, num_epochs=1, verbose=True,
                              training_plot=False, device='cpu'):
    net.train()
    training_losses = []
    for epoch in range(num_epochs):
        for i, data in enumerate(train_loader, 0):
            inputs, labels = data
            inputs = inputs.to(device).float()
            labels = labels.to(device).long()
            optimizer.zero_grad()
            outputs = net(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            if verbose:
                training_losses += [loss.item()]
    net.eval()

    def test(data_loader):
        correct = 0
        total = 0
        for data in data_loader:
            inputs, labels = data
            inputs = inputs.to(device).float()
            labels = labels.to(device).long()
            outputs = net(inputs)
            _, predicted = torch.max(outputs, 1)
            total += labels.size(0)
            correct += (predicted == labels).sum().item()
        return total, 100 * correct / total

    _, train_acc = test(train_loader)
    _, test_acc = test(test_loader)
    return train_acc, test_acc


class BareLoader:
    """The loaders' batching without DataLoader: randperm per epoch, drop_last."""

    def __init__(self, X, y, batch_size, shuffle, drop_last, generator):
        self.X, self.y, self.bs = X, y, batch_size
        self.shuffle, self.drop_last, self.g = shuffle, drop_last, generator

    def __iter__(self):
        n = self.X.shape[0]
        idx = torch.randperm(n, generator=self.g) if self.shuffle else torch.arange(n)
        stop = n - n % self.bs if self.drop_last else n
        for s in range(0, stop, self.bs):
            b = idx[s:s + self.bs]
            yield self.X[b], self.y[b]


def sample_grid(M=500, x_max=2.0):
    ii, jj = torch.meshgrid(torch.linspace(-x_max, x_max, M),
                            torch.linspace(-x_max, x_max, M), indexing="ij")
    return torch.cat([ii.unsqueeze(-1), jj.unsqueeze(-1)], dim=-1).view(-1, 2)


set_seed(SEED)
X, y = create_spiral_dataset(4, 0.16, 1000)
X_test, y_test, X_train, y_train = shuffle_and_split_data(X, y, seed=SEED)
g_seed = torch.Generator()
g_seed.manual_seed(SEED)
batch_size = 128
if mode == "bare":
    test_loader = BareLoader(X_test, y_test, batch_size, False, False, g_seed)
    train_loader = BareLoader(X_train, y_train, batch_size, True, True, g_seed)
else:
    workers = 2 if mode == "dataloader2" else 0
    test_loader = DataLoader(TensorDataset(X_test, y_test), batch_size=batch_size, shuffle=False,
                             num_workers=workers, worker_init_fn=seed_worker, generator=g_seed)
    train_loader = DataLoader(TensorDataset(X_train, y_train), batch_size=batch_size, drop_last=True,
                              shuffle=True, num_workers=workers, worker_init_fn=seed_worker, generator=g_seed)

start, start_cpu = time.perf_counter(), time.process_time()
set_seed(SEED)
net = Net('ReLU()', X_train.shape[1], [128], 4)
criterion = nn.CrossEntropyLoss()
optimizer = optim.Adam(net.parameters(), lr=1e-3)
train_acc, test_acc = train_test_classification(net, criterion, optimizer, train_loader, test_loader,
                                                num_epochs=100, device='cpu')
train_s = time.perf_counter() - start
train_cpu_s = time.process_time() - start_cpu  # this process only: DataLoader workers are not counted

X_all = sample_grid()
start = time.perf_counter()
y_pred = net(X_all)  # as in the original (with autograd)
decision = torch.argmax(y_pred, dim=1)
grid_s = time.perf_counter() - start
print(json.dumps({"impl": f"torch-{mode}-t{threads}", "train_s": train_s, "train_cpu_s": train_cpu_s, "grid_s": grid_s,
                  "train_acc": train_acc, "test_acc": test_acc}))
