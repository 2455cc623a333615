namespace Qml.Models.Qkan.Solvers;

/// <summary>Evaluates y[b,o] = Σ_i M(P(f_oi(x_bi) + Pb) + Wb·SiLU(x_bi)) and its vector-Jacobian product.</summary>
internal interface IEdgeSolver
{
    /// <summary>Returns y [batch, outputs] for x [batch, inputs].</summary>
    double[] Forward(EdgeValues values, double[] x, int batch);

    /// <summary>Returns every gradient for the upstream dL/dy [batch, outputs].</summary>
    EdgeGradients Backward(EdgeValues values, double[] x, int batch, double[] upstream);
}
