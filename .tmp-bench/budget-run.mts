import { benchBudget, printBudget } from "../test/bench/budget";
const figures = await benchBudget({ waitingSizes: [10, 100], orders: 50 });
printBudget(figures);
process.exit(0);
