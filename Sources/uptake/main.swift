import UptakeCore
print("uptake \(UptakeCore.version)")
