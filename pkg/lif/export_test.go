package lif

// Test-only access to the LIF internals, for the torch oracle tests.

// TorchArangeFloat32 is torchArangeFloat32.
var TorchArangeFloat32 = torchArangeFloat32
