import UptakeCore
print("bench")
