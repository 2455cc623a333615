namespace Qml.Abstractions.Execution;

/// <summary>Ways a backend's circuits can be differentiated.</summary>
[Flags]
public enum GradientMethods
{
    /// <summary>No gradient method.</summary>
    None = 0,

    /// <summary>Exact shifts through <see cref="IBackend.ExecuteAsync"/>: every backend has it.</summary>
    ParameterShift = 1,

    /// <summary>Central differences through <see cref="IBackend.ExecuteAsync"/>: every backend has it.</summary>
    FiniteDifference = 2,

    /// <summary>Adjoint differentiation through <see cref="IDifferentiableBackend"/>.</summary>
    Adjoint = 4,
}
