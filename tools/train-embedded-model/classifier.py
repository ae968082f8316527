"""An independent judge for generated images: a small CNN trained only on the real emoji images
(never on samples) to name the concept. Augmented with shifts, rescaling and blur so it does not
reward pixel-exact copies and tolerates the softness of 64 px samples."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Classifier(nn.Module):
    def __init__(self, classes):
        super().__init__()
        layers, cin = [], 3
        for cout in (32, 64, 128, 192):
            layers += [nn.Conv2d(cin, cout, 3, stride=2, padding=1), nn.BatchNorm2d(cout), nn.ReLU(),
                       nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU()]
            cin = cout
        self.features = nn.Sequential(*layers)
        self.head = nn.Linear(cin, classes)

    def forward(self, x):
        return self.head(self.features(x).mean(dim=(2, 3)))


def augment(x, gen):
    """Random scale 0.8-1.1 and shift up to 6 px (white fill), and blur on half the batch."""
    n = len(x)
    scale = 0.8 + 0.3 * torch.rand(n, generator=gen)
    shift = (torch.rand(n, 2, generator=gen) - 0.5) * 0.375
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0], theta[:, 1, 1] = 1 / scale, 1 / scale
    theta[:, :, 2] = shift
    grid = F.affine_grid(theta.to(x.device), x.shape, align_corners=False)
    # Sample x - 1 so the zero padding becomes white (1.0) after adding 1 back.
    out = F.grid_sample(x - 1, grid, align_corners=False, padding_mode="zeros") + 1
    blur = (torch.rand(n, generator=gen) < 0.5).to(x.device)
    soft = F.interpolate(F.avg_pool2d(out, 2), scale_factor=2, mode="bilinear", align_corners=False)
    return torch.where(blur[:, None, None, None], soft, out)


def train_classifier(x, labels, classes, steps=1500, batch=64, seed=7):
    gen = torch.Generator().manual_seed(seed)
    torch.manual_seed(seed)
    model = Classifier(classes).to(x.device)
    opt = torch.optim.AdamW(model.parameters(), 2e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, 2e-3, total_steps=steps)
    for _ in range(steps):
        idx = torch.randint(0, len(x), (batch,), generator=gen).to(x.device)
        loss = F.cross_entropy(model(augment(x[idx], gen)), labels[idx], label_smoothing=0.1)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    model.eval()
    return model


@torch.no_grad()
def top_k_hits(model, images, labels, k=5):
    device = next(model.parameters()).device
    logits = torch.cat([model(images[i:i + 256].to(device)).cpu() for i in range(0, len(images), 256)])
    top = logits.topk(k, dim=1).indices
    return (top == labels.cpu()[:, None]).any(dim=1)
