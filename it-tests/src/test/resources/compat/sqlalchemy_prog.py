# The compatibility program for SQLAlchemy (1.4, Core + ORM + inspection) over PyMySQL: the steps of
# README.md beside this file, printed as canonical lines; an error ends it with exit code 1.
#   python3 sqlalchemy_prog.py HOST PORT USER DATABASE BASE
import sys

from sqlalchemy import (Column, Integer, LargeBinary, MetaData, String, Table, BigInteger, Numeric,
                        create_engine, inspect, select, text, bindparam)
from sqlalchemy.orm import Session, declarative_base

host, port, user, database, base = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])

TXT1 = "O'Neil \\ back \"q\" \\' end"
TXT2 = "emoji \U0001F600 \u00fcn\u00ef"
BIN1 = bytes([0x00, 0x01, 0x27, 0x5C, 0x22, 0x80, 0xFF, 0xFE, 0xC3, 0x28, 0x0A, 0x0D, 0x1A, 0x5C, 0x27])


def show(value):
    if value is None:
        return "NULL"
    if isinstance(value, (bytes, bytearray)):
        return "0x" + bytes(value).hex().upper()
    return str(value)


def out(*parts):
    print(" | ".join(show(p) for p in parts), flush=True)


Base = declarative_base()


class User(Base):
    __tablename__ = "t_user"
    user_id = Column(BigInteger, primary_key=True, autoincrement=False)
    name = Column(String(64))
    region_id = Column(Integer)
    balance = Column(Numeric(12, 2))


failed = []


def step(name, fn):
    """Runs one step; a failing step prints its error and the next steps still run."""
    try:
        fn()
    except Exception as e:
        failed.append(name)
        out("ERROR in " + name, type(e).__name__ + ": " + str(e).splitlines()[0])


engine = create_engine("mysql+pymysql://%s@%s:%d/%s?charset=utf8mb4" % (user, host, port, database))
meta = MetaData()
table = Table("compat_sqlalchemy", meta,
              Column("id", Integer, primary_key=True, autoincrement=False),
              Column("txt", String(100)),
              Column("bin", LargeBinary),
              Column("n", Integer, nullable=True))


def s_connect():
    with engine.connect():
        out("dialect", engine.dialect.name, "is_mariadb", engine.dialect.is_mariadb)


def s_ddl():
    meta.drop_all(engine)
    meta.create_all(engine)
    out("ddl", "ok")


def s_crud():
    with engine.begin() as c:
        r = c.execute(table.insert(), [{"id": 1, "txt": TXT1, "bin": BIN1, "n": None},
                                       {"id": 2, "txt": TXT2, "bin": b"", "n": 42},
                                       {"id": 3, "txt": None, "bin": None, "n": None}])
        out("inserted", r.rowcount)
    with engine.connect() as c:
        for row in c.execute(select(table).order_by(table.c.id)):
            out("row", *row)
        for row in c.execute(text("SELECT id, HEX(txt), HEX(bin) FROM compat_sqlalchemy WHERE bin = :b"), {"b": BIN1}):
            out("row", *row)
    with engine.begin() as c:
        out("updated", c.execute(table.update().where(table.c.id == 2).values(txt=TXT1 + TXT2)).rowcount)
        out("deleted", c.execute(table.delete().where(table.c.id == 3)).rowcount)


def s_transaction():
    try:
        with engine.begin() as c:
            c.execute(table.insert(), {"id": 40, "txt": "rolled back"})
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    with engine.connect() as c:
        out("after rollback", c.execute(select(table.c.id).order_by(table.c.id)).scalars().all())


def s_orm():
    # ORM over a sharded table of the orders example (one table on the other sides)
    with Session(engine) as s, s.begin():
        s.query(User).filter(User.user_id.between(base, base + 3)).delete(synchronize_session=False)
    with Session(engine) as s, s.begin():
        s.add_all([User(user_id=base, name=TXT1, region_id=1, balance="12.50"),
                   User(user_id=base + 1, name=TXT2, region_id=2, balance="-0.01"),
                   User(user_id=base + 2, name="back\\slash", region_id=None, balance=None),
                   User(user_id=base + 3, name=None, region_id=4, balance="0")])
    with Session(engine) as s:
        for u in s.query(User).filter(User.user_id.between(base, base + 3)).order_by(User.user_id):
            out("user", u.user_id, u.name, u.region_id, u.balance)
        u = s.get(User, base + 1)
        u.name = "it's \\n"
        s.commit()
        out("orm update", s.query(User).filter(User.name == "it's \\n", User.user_id.between(base, base + 3)).count())
        page = s.query(User).filter(User.user_id.between(base, base + 3)).order_by(User.user_id.desc()).limit(2).offset(1).all()
        out("page", *[p.user_id for p in page])


def s_inspect():
    insp = inspect(engine)
    out("has_table t_user", insp.has_table("t_user"))
    out("columns t_user", *[c["name"] + ":" + str(c["type"]) for c in insp.get_columns("t_user")])
    out("pk t_user", *insp.get_pk_constraint("t_user")["constrained_columns"])
    out("columns compat_sqlalchemy", *[c["name"] + ":" + str(c["type"]) for c in insp.get_columns("compat_sqlalchemy")])


for name, fn in [("connect", s_connect), ("ddl", s_ddl), ("crud", s_crud), ("transaction", s_transaction),
                 ("orm on sharded table", s_orm), ("inspect", s_inspect)]:
    step(name, fn)
out("done", "failed steps: " + (", ".join(failed) or "none"))
sys.exit(1 if failed else 0)
