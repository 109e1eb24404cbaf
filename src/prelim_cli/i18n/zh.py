"""中文说明。每个键对应 (标题, 一句话说明)。"""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- tensor (§2.1) ---
    "tensor.arange": ("创建行向量",
                      "torch.arange({n}) 包含从 0 到 {last} 的整数；整数默认为 int64。"),
    "tensor.shape": ("形状", "沿每个轴的长度，类型为 torch.Size。"),
    "tensor.numel": ("元素总数", "numel() 是所有轴长度的乘积。"),
    "tensor.new": ("由嵌套列表创建张量",
                   "torch.tensor 自动推断数据类型：全是整数时为 int64，含有浮点数时为 float32。"),
    "tensor.reshape": ("改变形状为 {shape}",
                       "reshape({args}) 只改变形状，不改变元素及其顺序；-1 表示让 PyTorch 自动推断该维度。"),
    "tensor.zeros": ("全 0 张量，形状 {shape}", "torch.zeros 用 0 填满给定形状的张量，常用于初始化。"),
    "tensor.ones": ("全 1 张量，形状 {shape}", "torch.ones 用 1 填满给定形状的张量。"),
    "tensor.seed": ("固定随机种子（{seed}）", "相同的种子得到相同的随机数：用 --seed {seed} 再运行即可复现。"),
    "tensor.randn": ("标准正态分布随机数", "每个元素都从均值为 0、标准差为 1 的标准正态分布中采样。"),
    "tensor.xy": ("两个形状相同的张量", "下面的运算符按元素进行计算。"),
    "tensor.ops": ("按元素运算", "+、-、*、/ 和 ** 作用于相同位置上的每一对元素。"),
    "tensor.x": ("一个向量", "下面按元素函数的输入。"),
    "tensor.exp": ("按元素求指数", "torch.exp 对每个元素计算 e 的幂。"),
    "tensor.XY": ("书中的 X 和 Y", "两个 3 × 4 的 float32 矩阵。"),
    "tensor.cat": ("沿维度 {dims} 连结",
                   "dim=0 按行堆叠（第一个轴变长）；dim=1 按列拼接。"),
    "tensor.eq": ("用 == 比较", "得到布尔张量：X 与 Y 在该位置相等时为 True。"),
    "tensor.lt": ("用 < 比较", "X 的元素更小时为 True。"),
    "tensor.gt": ("用 > 比较", "X 的元素更大时为 True。"),
    "tensor.X": ("矩阵 X", "后续步骤操作的张量。"),
    "tensor.sum": ("所有元素求和", "X.sum() 把所有元素相加，得到一个 0 维张量。"),
    "tensor.index": ("索引和切片", "索引从 0 开始（负数从末尾倒数）；切片 a:b 包含 a 但不包含 b：X[-1] 是最后一行，X[1:3] 是第 1 行和第 2 行。"),
    "tensor.assign": ("赋值 {target}", "对索引或切片赋值会原地修改 X；标出的单元格发生了变化。"),
    "memory.rebind": ("Y = Y + X 会创建新张量",
                      "结果分配了新的内存，名字 Y 指向了它：id 改变了。"),
    "memory.zeros_like": ("形状相同的新张量 Z", "zeros_like 分配一次内存；记下 Z 的 id。"),
    "memory.slice": ("Z[:] = ... 原地写入", "切片赋值把结果写进 Z 原有的内存：id 不变。"),
    "memory.inplace": ("X += Y 原地执行",
                       "+= 更新 X 自己的内存：id 相同，data_ptr()（存储的地址）也相同。"),
    "convert.types": ("张量与 NumPy 互相转换",
                      "X.numpy() 与 X 共享内存；torch.tensor(A) 总是复制一份。"),
    "convert.share": ("谁共享内存？",
                      "执行 A[0, 0] = 100 之后：X 和 C = torch.from_numpy(A) 都看到了变化，副本 B 没有。"),
    "convert.scalar": ("大小为 1 的张量转为 Python 数",
                       "item()、float() 和 int() 把只有一个元素的张量转换为 Python 标量。"),
    # --- broadcast (§2.1.4) ---
    # --- preprocess (§2.2) ---
    # --- linalg (§2.3) ---
    # --- calculus (§2.4) ---
    # --- autograd (§2.5) ---
}
