using System.Diagnostics;
using System.Numerics;
using Qml.Backends.Cpu.Kernels;
using Qml.Backends.Cpu.Memory;

namespace Qml.Backends.Cpu.Tests.Perf;

[Explicit("timing, not a test")]
public sealed unsafe class KernelTimings
{
    [Test]
    public void SingleVersusDense2()
    {
        const int n = 24;
        using var state = new StateBuffer(n);
        state.ResetToZero(); for (nuint i = 0; i < state.Length; i++) state.Pointer[i] = new Complex(1e-4, 2e-4);
        var parallel = new AmplitudeParallelism(1);
        var single = default(GateKernel);
        single.SetQubits([10]);
        single.Kind = KernelKind.Single;
        single.Target = 10;
        single.M00 = single.M11 = new Complex(0.6, 0);
        single.M01 = single.M10 = new Complex(0, 0.8);
        var entries = new Complex[16];
        Complex[] u = [new(0.6, 0), new(0, 0.8), new(0, 0.8), new(0.6, 0)];
        for (var r = 0; r < 4; r++) for (var c = 0; c < 4; c++) entries[(r * 4) + c] = u[((r >> 1) * 2) + (c >> 1)] * u[((r & 1) * 2) + (c & 1)];
        foreach (var (name, kernel) in new[]
        {
            ("single q10", single),
            ("dense2 q10,11", GateKernelPlanner.Dense([10, 11], entries)),
            ("dense2 q2,3", GateKernelPlanner.Dense([2, 3], entries)),
            ("dense2 q0,1", GateKernelPlanner.Dense([0, 1], entries)),
            ("dense2 q1,2", GateKernelPlanner.Dense([1, 2], entries)),
            ("dense2 q20,21", GateKernelPlanner.Dense([20, 21], entries)),
        })
        {
            for (var w = 0; w < 3; w++) parallel.Apply(kernel, state.Pointer, n);
            var clock = Stopwatch.StartNew(); var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            for (var r = 0; r < 10; r++) parallel.Apply(kernel, state.Pointer, n);
            TestContext.Out.WriteLine($"{name}: {clock.Elapsed.TotalMilliseconds / 10:0.00} ms wall {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / 10:0.00} ms cpu");
        }
    }
}
