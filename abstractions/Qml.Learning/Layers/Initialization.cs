namespace Qml.Learning.Layers;

/// <summary>How a weight matrix [out, in] is drawn.</summary>
public enum Initialization
{
    /// <summary>He: U(±√(6/fan_in)), for ReLU-like activations.</summary>
    KaimingUniform,

    /// <summary>He: N(0, 2/fan_in).</summary>
    KaimingNormal,

    /// <summary>Glorot: U(±√(6/(fan_in + fan_out))), for tanh/sigmoid.</summary>
    XavierUniform,

    /// <summary>Glorot: N(0, 2/(fan_in + fan_out)).</summary>
    XavierNormal,
}
